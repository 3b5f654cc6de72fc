import "server-only";

import { totpStepEnd } from "@/lib/auth/totp";
import { verifySecondFactor } from "@/lib/auth/verify-second-factor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** How long a second factor counts as fresh for an act that hands out a secret. */
export const FRESH_SECOND_FACTOR_MS = 5 * 60_000;

/**
 * For acts that hand out a secret (revealing a token): a staff member with a second factor must have used it
 * within the last few minutes, or give a current code now. The last use is the account's last accepted TOTP
 * step, recovery code or passkey signature, so no session state is needed. Staff without a second factor pass
 * (they cannot be asked for one, and admins in production cannot be without one).
 */
export async function requireFreshSecondFactor(staffId: string, code: string | undefined, now = new Date()) {
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
  if (!staff?.totpEnabledAt) {
    // Without an authenticator app there is no code to type: a passkey is used by signing in with it again.
    throw new AppError("FORBIDDEN", {
      message: "second factor not fresh",
      userMessage: "Your passkey was last used more than five minutes ago. Sign out and in again with it to do this.",
    });
  }
  if (!code) {
    throw new AppError("FORBIDDEN", {
      message: "second factor not fresh",
      userMessage: "Enter a current code from your authenticator app to do this.",
      fieldErrors: { secondFactorCode: ["Enter the code your authenticator app shows now."] },
    });
  }
  if (!(await verifySecondFactor(staffId, code, now))) {
    throw new AppError("INVALID_INPUT", {
      userMessage: "That code is not right.",
      fieldErrors: { secondFactorCode: ["That code is not right."] },
    });
  }
}
