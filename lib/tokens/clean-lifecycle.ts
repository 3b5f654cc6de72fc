/**
 * A token set's failure state, lease and refresh marker as a stored refresh or a new consent leaves them:
 * nothing failed, nobody holds the lease, no refresh is in flight.
 */
export const CLEAN_LIFECYCLE = {
  failureKind: null,
  failureReason: null,
  failureAt: null,
  consecutiveFailures: 0,
  nextAttemptAt: null,
  refreshStartedAt: null,
  refreshFingerprintSent: null,
  leaseOwner: null,
  leaseUntil: null,
} as const;
