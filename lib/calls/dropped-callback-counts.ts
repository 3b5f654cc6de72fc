/** Why a callback was answered without being stored. */
export type DroppedCallbackReason = "rateLimited" | "tooLarge";

export type DroppedCallbackCounts = Record<DroppedCallbackReason, number>;

/**
 * Callbacks this process answered without storing, since the last time they were reported. Kept in memory
 * because writing a row per dropped request would be the very write the limits exist to prevent; the
 * housekeeping job reports the totals as one audit event.
 */
const counts: DroppedCallbackCounts = { rateLimited: 0, tooLarge: 0 };

export function countDroppedCallback(reason: DroppedCallbackReason): number {
  counts[reason] += 1;
  return counts[reason];
}

/** The counts so far, which start again from zero. */
export function takeDroppedCallbackCounts(): DroppedCallbackCounts {
  const taken = { ...counts };
  counts.rateLimited = 0;
  counts.tooLarge = 0;
  return taken;
}

/** Gives counts that could not be reported back, so they are reported next time. */
export function restoreDroppedCallbackCounts(taken: DroppedCallbackCounts): void {
  counts.rateLimited += taken.rateLimited;
  counts.tooLarge += taken.tooLarge;
}
