import "server-only";

import type { Database } from "@/lib/db/create-client";

/** Audit actions written for a refused or throttled sign-in, by anyone who can reach the sign-in page. */
export const FAILED_SIGN_IN_ACTIONS = ["staff.sign_in_failed", "staff.sign_in_throttled"] as const;

/**
 * The one exception to an append-only audit log: failed sign-ins older than `olderThan`. Anyone who can
 * reach the sign-in page writes them, without an account, so they would otherwise grow without bound. The
 * retention leaves time to investigate an attack on an account; successful sign-ins and everything staff
 * did are kept for good.
 */
export async function purgeFailedSignInEvents(db: Database, olderThan: Date): Promise<number> {
  const purged = await db.auditEvent.deleteMany({
    where: { action: { in: [...FAILED_SIGN_IN_ACTIONS] }, occurredAt: { lt: olderThan } },
  });
  return purged.count;
}
