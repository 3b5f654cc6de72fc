import "server-only";

import type { Database } from "@/lib/db/create-client";
import { UNVERIFIED_CALLBACK_LIMITS } from "@/lib/calls/unverified-callback-limits";

const DAY_MS = 24 * 60 * 60_000;

export type PurgedUnverifiedCallbacks = { expired: number; overCap: number };

/**
 * Deletes unverified callbacks past their retention, then all but the newest `maxKeptRows`. Verified
 * callbacks are kept: only MobilePay, with the credentials the console registered, can write them, and the
 * merchant's timeline and audit events refer to them.
 */
export async function purgeUnverifiedCallbacks(
  db: Database,
  now: Date,
  limits: { retentionDays: number; maxKeptRows: number } = UNVERIFIED_CALLBACK_LIMITS,
): Promise<PurgedUnverifiedCallbacks> {
  const expired = await db.receivedCallback.deleteMany({
    where: { verified: false, receivedAt: { lt: new Date(now.getTime() - limits.retentionDays * DAY_MS) } },
  });
  const firstOverCap = await db.receivedCallback.findFirst({
    where: { verified: false },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    skip: limits.maxKeptRows,
    select: { receivedAt: true },
  });
  // Rows received in the same millisecond as the first one over the cap go with it.
  const overCap = firstOverCap
    ? await db.receivedCallback.deleteMany({ where: { verified: false, receivedAt: { lte: firstOverCap.receivedAt } } })
    : { count: 0 };
  return { expired: expired.count, overCap: overCap.count };
}
