import "server-only";

import type { Database } from "@/lib/db/create-client";

/**
 * Deletes sign-in throttle rows whose counting window started before `olderThan` and that hold no lock now.
 * Such a row no longer changes any decision (its window has long ended), but one is written for every
 * address and email ever tried, so without this the table grows with every guess.
 */
export async function purgeSignInThrottles(db: Database, olderThan: Date, now: Date): Promise<number> {
  const purged = await db.loginThrottle.deleteMany({
    where: {
      windowStart: { lt: olderThan },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  return purged.count;
}
