import "server-only";

import { getDb } from "@/lib/db/client";

export type SecondFactorSummary = { authenticatorAppSince: Date | null; recoveryCodesLeft: number };

/** What the account page says about the staff member's second factors; they are managed on the Security page. */
export async function secondFactorSummary(staffId: string): Promise<SecondFactorSummary> {
  const db = getDb();
  const [staff, recoveryCodesLeft] = await Promise.all([
    db.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { totpEnabledAt: true } }),
    db.staffRecoveryCode.count({ where: { staffId, usedAt: null } }),
  ]);
  return { authenticatorAppSince: staff.totpEnabledAt, recoveryCodesLeft };
}
