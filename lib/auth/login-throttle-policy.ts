/**
 * Failed sign-ins are counted per account and per client address in a sliding
 * window; past the limit the key is locked for a while, whatever the password.
 */
export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };

export type ThrottleLimits = { maxFailures: number; windowMs: number; lockMs: number };

export const ACCOUNT_LIMITS: ThrottleLimits = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_LIMITS: ThrottleLimits = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return state?.lockedUntil != null && state.lockedUntil > now;
}

export function afterFailure(state: ThrottleState | null, now: Date, limits: ThrottleLimits): ThrottleState {
  const windowExpired = !state || now.getTime() - state.windowStart.getTime() > limits.windowMs;
  const failures = windowExpired ? 1 : state.failures + 1;
  const windowStart = windowExpired ? now : state.windowStart;
  const lockedUntil = failures >= limits.maxFailures ? new Date(now.getTime() + limits.lockMs) : null;
  return { failures, windowStart, lockedUntil };
}
