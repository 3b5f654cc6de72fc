import "server-only";

import type { Database } from "@/lib/db/create-client";

/**
 * Deletes reset links used or expired before `olderThan`. Neither can be used again, and who made and used
 * each is in the audit log; only the hash of a dead token would be kept otherwise.
 */
export async function purgePasswordResets(db: Database, olderThan: Date): Promise<number> {
  const purged = await db.staffPasswordReset.deleteMany({
    where: { OR: [{ usedAt: { lt: olderThan } }, { expiresAt: { lt: olderThan } }] },
  });
  return purged.count;
}
