import "server-only";

import {
  reserveSignInAttempt,
  settleSecondFactorPrompt,
  settleSuccessfulSignIn,
  signInKeys,
} from "@/lib/auth/login-throttle";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { ZEmailSchema } from "@/lib/auth/password-policy";
import type { StaffRole } from "@/lib/auth/roles";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import type { TPasskeyAuthenticationResponse } from "@/lib/auth/passkey-schemas";
import { verifyPasskeyAssertion } from "@/lib/auth/verify-passkey-assertion";
import { verifySecondFactor, type SecondFactorUsed } from "@/lib/auth/verify-second-factor";

export type AuthenticateStaffOptions = {
  email: string;
  password: string;
  address: string;
  /** A TOTP code or a recovery code, for an account with a second factor. */
  secondFactorCode?: string;
  /** Or a passkey's answer to a sign-in challenge, for an account with a passkey. */
  secondFactorPasskey?: TPasskeyAuthenticationResponse;
};

export type AuthenticationOutcome =
  | {
      kind: "signed-in";
      staff: { id: string; email: string; name: string; role: StaffRole; sessionGeneration: number };
    }
  | { kind: "refused" }
  | { kind: "throttled" }
  | { kind: "second-factor-required" };

/**
 * Checks a staff sign-in. Every refusal looks the same from outside (unknown
 * account, wrong password, disabled account). The attempt is counted before
 * the password is checked, so parallel guesses cannot all pass the limit
 * while the first ones are still being hashed; a success gives it back.
 */
export async function authenticateStaff({
  email,
  password,
  address,
  secondFactorCode,
  secondFactorPasskey,
}: AuthenticateStaffOptions): Promise<AuthenticationOutcome> {
  const parsedEmail = ZEmailSchema.safeParse(email);
  const normalizedEmail = parsedEmail.success ? parsedEmail.data : email.trim().toLowerCase().slice(0, 254);
  const keys = signInKeys(normalizedEmail, address);
  if (!(await reserveSignInAttempt(keys))) {
    await recordAuditEvent({
      actor: { type: "system", label: "sign-in" },
      action: "staff.sign_in_throttled",
      outcome: "failure",
      details: { email: normalizedEmail },
    });
    return { kind: "throttled" };
  }

  const db = getDb();
  const staff = parsedEmail.success
    ? await db.staffUser.findUnique({ where: { email: normalizedEmail }, omit: { passwordHash: false } })
    : null;
  const passwordMatches =
    staff && password.length <= 200
      ? await verifyPassword(password, staff.passwordHash)
      : await burnPasswordCheck(password);
  const role = ZStaffRoleSchema.safeParse(staff?.role);

  if (!staff || !passwordMatches || staff.disabled || !role.success) {
    await recordAuditEvent({
      actor: { type: "system", label: "sign-in" },
      action: "staff.sign_in_failed",
      outcome: "failure",
      details: { method: "password", email: normalizedEmail, reason: staff?.disabled ? "disabled" : "bad-credentials" },
    });
    return { kind: "refused" };
  }

  // The password was right. An account with a second factor needs its code or a passkey's signature too; a wrong
  // one is a failure like a wrong password, under the same limits.
  let secondFactor: SecondFactorUsed | "passkey" | null = null;
  if (staff.totpEnabledAt || (await db.staffPasskey.count({ where: { staffId: staff.id } })) > 0) {
    if (!secondFactorCode && !secondFactorPasskey) {
      await settleSecondFactorPrompt(keys);
      return { kind: "second-factor-required" };
    }
    if (secondFactorPasskey) {
      secondFactor = (await verifyPasskeyAssertion(secondFactorPasskey, { staffId: staff.id })) ? "passkey" : null;
    } else if (secondFactorCode) {
      secondFactor = await verifySecondFactor(staff.id, secondFactorCode);
    }
    if (!secondFactor) {
      await recordAuditEvent({
        actor: { type: "system", label: "sign-in" },
        action: "staff.sign_in_failed",
        outcome: "failure",
        details: { method: "password", email: normalizedEmail, reason: "bad-second-factor" },
      });
      return { kind: "refused" };
    }
  }

  await settleSuccessfulSignIn(keys);
  await db.staffUser.update({ where: { id: staff.id }, data: { lastLoginAt: new Date() } });
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "staff.signed_in",
    details: { method: "password", ...(secondFactor ? { secondFactor } : {}) },
  });
  return {
    kind: "signed-in",
    staff: {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: role.data,
      sessionGeneration: staff.sessionGeneration,
    },
  };
}
