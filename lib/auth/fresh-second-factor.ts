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
 * step or recovery code, so no session state is needed. Staff without a second factor pass (they cannot be
 * asked for one, and admins in production cannot be without one).
 */
export async function requireFreshSecondFactor(staffId: string, code: string | undefined, now = new Date()) {
  const db = getDb();
  const staff = await db.staffUser.findUnique({
    where: { id: staffId },
    select: { totpEnabledAt: true, totpLastStep: true },
  });
  if (!staff?.totpEnabledAt) return;
  const lastRecovery = await db.staffRecoveryCode.findFirst({
    where: { staffId, usedAt: { not: null } },
    orderBy: { usedAt: "desc" },
    select: { usedAt: true },
  });
  const lastUse = Math.max(
    staff.totpLastStep === null ? 0 : totpStepEnd(staff.totpLastStep).getTime(),
    lastRecovery?.usedAt?.getTime() ?? 0,
  );
  if (now.getTime() - lastUse <= FRESH_SECOND_FACTOR_MS) return;
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
