import "server-only";

import type { Database } from "@/lib/db/create-client";
import { FixedWindowLimiter } from "@/lib/http/fixed-window-limiter";
import { UNVERIFIED_CALLBACK_LIMITS } from "@/lib/calls/unverified-callback-limits";

const MINUTE_MS = 60_000;

/**
 * Per sender, in memory: counting per address in the database would need a write per request, the cost this
 * limit exists to avoid, and per instance is enough to keep one sender from using the shared allowance.
 */
const perSource = new FixedWindowLimiter({
  limit: UNVERIFIED_CALLBACK_LIMITS.perSourcePerMinute,
  windowMs: MINUTE_MS,
  maxKeys: 10_000,
});

/**
 * The overall allowance again, in this process: checked before the database count, it holds exactly for
 * requests that arrive together, which would otherwise all read the same count before any of them is stored.
 */
const inProcess = new FixedWindowLimiter({
  limit: UNVERIFIED_CALLBACK_LIMITS.overallPerMinute,
  windowMs: MINUTE_MS,
  maxKeys: 1,
});

export type UnverifiedCallbackBudget = "granted" | "source-limited" | "overall-limited";

/**
 * Whether one more unverified callback may be stored now. The overall allowance is counted from the stored
 * rows themselves, so it holds across every instance on the database and after a restart. Requests arriving
 * together at different instances may each see the count just below the limit; the overshoot is at most the
 * requests in flight there.
 */
export async function takeUnverifiedCallbackBudget(
  db: Database,
  source: string,
  now: Date,
): Promise<UnverifiedCallbackBudget> {
  if (!perSource.take(source, now.getTime())) return "source-limited";
  if (!inProcess.take("all", now.getTime())) return "overall-limited";
  const storedLastMinute = await db.receivedCallback.count({
    where: { verified: false, receivedAt: { gt: new Date(now.getTime() - MINUTE_MS) } },
  });
  return storedLastMinute < UNVERIFIED_CALLBACK_LIMITS.overallPerMinute ? "granted" : "overall-limited";
}
