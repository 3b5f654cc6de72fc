import "server-only";

import type { TPasskeyAuthenticationResponse } from "@/lib/auth/passkey-schemas";
import { totpStepEnd } from "@/lib/auth/totp";
import { verifyPasskeyAssertion } from "@/lib/auth/verify-passkey-assertion";
import { verifySecondFactor } from "@/lib/auth/verify-second-factor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** How long a second factor counts as fresh for an act that hands out a secret. */
export const FRESH_SECOND_FACTOR_MS = 5 * 60_000;

/** Given now, when the last one is not fresh: a code of the app or a recovery code, or a passkey's signature. */
export type SecondFactorProof = { code?: string; passkey?: TPasskeyAuthenticationResponse };

/**
 * For acts that hand out a secret (revealing a token): a staff member with a second factor must have used it
 * within the last few minutes, or prove it now with a current code or one of their passkeys. The last use is
 * the account's last accepted TOTP step, recovery code or passkey signature, so no session state is needed.
 * Staff without a second factor pass (they cannot be asked for one, and admins in production cannot be
 * without one). When refused, the field errors name each proof the account can give, so a form offers those.
 */
export async function requireFreshSecondFactor(staffId: string, proof: SecondFactorProof = {}, now = new Date()) {
  const db = getDb();
  const staff = await db.staffUser.findUnique({
    where: { id: staffId },
    select: { totpEnabledAt: true, totpLastStep: true },
  });
  const passkeys = await db.staffPasskey.aggregate({ where: { staffId }, _count: true, _max: { lastUsedAt: true } });
  if (!staff?.totpEnabledAt && passkeys._count === 0) return;
  const lastRecovery = await db.staffRecoveryCode.findFirst({
    where: { staffId, usedAt: { not: null } },
    orderBy: { usedAt: "desc" },
    select: { usedAt: true },
  });
  const lastUse = Math.max(
    staff?.totpLastStep == null ? 0 : totpStepEnd(staff.totpLastStep).getTime(),
    lastRecovery?.usedAt?.getTime() ?? 0,
    passkeys._max.lastUsedAt?.getTime() ?? 0,
  );
  if (now.getTime() - lastUse <= FRESH_SECOND_FACTOR_MS) return;

  const hasApp = !!staff?.totpEnabledAt;
  const hasPasskey = passkeys._count > 0;
  if (proof.passkey && hasPasskey) {
    // Only this account's own passkey, answering a challenge the console issued and nobody spent yet.
    if (await verifyPasskeyAssertion(proof.passkey, { staffId, now })) return;
    throw new AppError("INVALID_INPUT", {
      userMessage: "That passkey was not accepted. Try again with a passkey of your account.",
      fieldErrors: { secondFactorPasskey: ["That passkey was not accepted."] },
    });
  }
  if (proof.code && hasApp) {
    if (await verifySecondFactor(staffId, proof.code, now)) return;
    throw new AppError("INVALID_INPUT", {
      userMessage: "That code is not right.",
      fieldErrors: { secondFactorCode: ["That code is not right."] },
    });
  }
  throw new AppError("FORBIDDEN", {
    message: "second factor not fresh",
    userMessage:
      hasApp && hasPasskey
        ? "Enter a current code from your authenticator app, or confirm with a passkey, to do this."
        : hasApp
          ? "Enter a current code from your authenticator app to do this."
          : "Confirm with your passkey to do this.",
    fieldErrors: {
      ...(hasApp ? { secondFactorCode: ["Enter the code your authenticator app shows now."] } : {}),
      ...(hasPasskey ? { secondFactorPasskey: ["Confirm with one of your passkeys."] } : {}),
    },
  });
}
