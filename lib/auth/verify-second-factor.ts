import "server-only";

import { looksLikeRecoveryCode, recoveryCodeHash } from "@/lib/auth/recovery-codes";
import { openTotpSecret } from "@/lib/auth/second-factor-secret";
import { acceptedTotpStep } from "@/lib/auth/totp";
import { getDb } from "@/lib/db/client";

export type SecondFactorUsed = "totp" | "recovery-code";

/**
 * Checks a code against a staff member's enrolled factor: a TOTP code from their app, or one of their
 * recovery codes. Either is spent in the same statement that accepts it (a compare-and-set on the last
 * accepted step, or on the recovery code's `usedAt`), so two requests cannot both use one code.
 */
export async function verifySecondFactor(
  staffId: string,
  code: string,
  now = new Date(),
): Promise<SecondFactorUsed | null> {
  const db = getDb();
  if (looksLikeRecoveryCode(code)) {
    const { count } = await db.staffRecoveryCode.updateMany({
      where: { staffId, codeHash: recoveryCodeHash(code), usedAt: null },
      data: { usedAt: now },
    });
    return count === 1 ? "recovery-code" : null;
  }
  const staff = await db.staffUser.findUnique({
    where: { id: staffId },
    select: { totpSecret: true, totpLastStep: true, totpEnabledAt: true },
  });
  if (!staff?.totpSecret || !staff.totpEnabledAt) return null;
  const secret = openTotpSecret(staffId, "totpSecret", staff.totpSecret);
  const step = acceptedTotpStep(secret, code, now, staff.totpLastStep);
  if (step === null) return null;
  const { count } = await db.staffUser.updateMany({
    where: { id: staffId, totpLastStep: staff.totpLastStep },
    data: { totpLastStep: step },
  });
  return count === 1 ? "totp" : null;
}
