/**
 * What an anonymous sender can make the console keep. A callback without the registered credentials is kept
 * only to diagnose a misconfigured MobilePay registration: a few recent ones, each cut short, are enough for
 * that, and they must never add up to more than a few megabytes.
 *
 * Worst case with these numbers: 30 stored per minute across all instances × 4,000 characters ≈ 120 KB a
 * minute, trimmed back to the newest 1,000 rows (≈ 4 MB) every 15 minutes.
 */
export const UNVERIFIED_CALLBACK_LIMITS = {
  /** Per sender address and console instance (memory): one noisy sender cannot use the whole allowance. */
  perSourcePerMinute: 10,
  /** Across every sender and instance (counted in the database, so several instances share it). */
  overallPerMinute: 30,
  /** Characters of an unverified body that are kept. */
  keptBodyChars: 4_000,
  /** Unverified callbacks older than this are deleted. */
  retentionDays: 7,
  /** At most this many unverified callbacks are kept, the newest. */
  maxKeptRows: 1_000,
} as const;
