import "server-only";

import type { AuthenticationOutcome } from "@/lib/auth/authenticate-staff";
import { reserveSignInAttempt, settleSuccessfulSignIn, signInKeys } from "@/lib/auth/login-throttle";
import type { TPasskeyAuthenticationResponse } from "@/lib/auth/passkey-schemas";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { passkeyOwner, verifyPasskeyAssertion } from "@/lib/auth/verify-passkey-assertion";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";

/**
 * Answers that name no registered passkey share one throttle account: they cannot be tied to anyone, and
 * the address's ceiling still holds for whoever sends them.
 */
const UNKNOWN_PASSKEY_ACCOUNT = "passkey:unknown";

/**
 * A passwordless sign-in: the passkey is both the account and its proof. It goes through the same limits and
 * the same audit trail as a password (method "passkey"), and a disabled account is refused like any other
 * failure, after the passkey was checked, so the answer never says which.
 */
export async function authenticateWithPasskey({
  response,
  address,
}: {
  response: TPasskeyAuthenticationResponse;
  address: string;
}): Promise<AuthenticationOutcome> {
  const db = getDb();
  const ownerId = await passkeyOwner(response.id);
  const owner = ownerId ? await db.staffUser.findUnique({ where: { id: ownerId } }) : null;
  const keys = signInKeys(owner?.email ?? UNKNOWN_PASSKEY_ACCOUNT, address);
  if (!(await reserveSignInAttempt(keys))) {
    await recordAuditEvent({
      actor: { type: "system", label: "sign-in" },
      action: "staff.sign_in_throttled",
      outcome: "failure",
      details: { method: "passkey", ...(owner ? { email: owner.email } : {}) },
    });
    return { kind: "throttled" };
  }

  const verified = owner ? await verifyPasskeyAssertion(response, { staffId: owner.id }) : null;
  const role = ZStaffRoleSchema.safeParse(owner?.role);
  if (!owner || !verified || owner.disabled || !role.success) {
    await recordAuditEvent({
      actor: { type: "system", label: "sign-in" },
      action: "staff.sign_in_failed",
      outcome: "failure",
      details: {
        method: "passkey",
        ...(owner ? { email: owner.email } : {}),
        reason: verified && owner?.disabled ? "disabled" : owner ? "bad-passkey" : "unknown-passkey",
      },
    });
    return { kind: "refused" };
  }

  await settleSuccessfulSignIn(keys);
  await db.staffUser.update({ where: { id: owner.id }, data: { lastLoginAt: new Date() } });
  await recordAuditEvent({
    actor: { type: "staff", id: owner.id, label: owner.email },
    action: "staff.signed_in",
    details: { method: "passkey", passkeyId: verified.passkeyId },
  });
  return {
    kind: "signed-in",
    staff: {
      id: owner.id,
      email: owner.email,
      name: owner.name,
      role: role.data,
      sessionGeneration: owner.sessionGeneration,
    },
  };
}
