import "server-only";

import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/staff-session-records";
import type { Database } from "@/lib/db/create-client";

/**
 * Deletes session records that ended before `olderThan`, and those never ended but unused for longer than a
 * session lasts since before then (the browser's cookie has lapsed). Either kind lets nobody in any more:
 * a session is read together with its record, so a deleted record is a signed-out browser all the same.
 */
export async function purgeStaffSessions(db: Database, olderThan: Date): Promise<number> {
  const lapsedIfSeenBefore = new Date(olderThan.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  const purged = await db.staffSession.deleteMany({
    where: {
      OR: [{ endedAt: { lt: olderThan } }, { endedAt: null, lastSeenAt: { lt: lapsedIfSeenBefore } }],
    },
  });
  return purged.count;
}
