/**
 * Sign-in attempts are counted before the password is checked: an attempt reserves its place under each of
 * its keys first, so a burst of parallel guesses gets no more password checks than the limit allows. A
 * successful sign-in gives its reservation back.
 *
 * Three keys count every attempt:
 * - account + address: exponential backoff after a few free attempts. Only someone at that address slows
 *   down, so a stranger's guesses cannot lock the account's owner out.
 * - address: a hard ceiling per window, against one address spraying guesses over many accounts.
 * - account: a much higher hard ceiling per window, against guesses spread over many addresses.
 *
 * The state is the table's columns: `failures` counts reserved attempts, `windowStart` is when the count
 * started (for the backoff: the latest attempt), `lockedUntil` the earliest next attempt (backoff only).
 */
export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };

export type CeilingPolicy = { kind: "ceiling"; maxAttempts: number; windowMs: number };
export type BackoffPolicy = {
  kind: "backoff";
  freeAttempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this long without an attempt the count starts again. */
  quietResetMs: number;
};
export type ThrottlePolicy = CeilingPolicy | BackoffPolicy;

export const PAIR_POLICY: BackoffPolicy = {
  kind: "backoff",
  freeAttempts: 5,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  quietResetMs: 60 * 60_000,
};
export const ADDRESS_POLICY: CeilingPolicy = { kind: "ceiling", maxAttempts: 30, windowMs: 15 * 60_000 };
export const ACCOUNT_POLICY: CeilingPolicy = { kind: "ceiling", maxAttempts: 100, windowMs: 15 * 60_000 };

/** How long an account + address pair waits after its nth counted attempt (0 while attempts are free). */
export function backoffDelayMs(attempts: number, policy: BackoffPolicy): number {
  if (attempts < policy.freeAttempts) return 0;
  const doublings = Math.min(attempts - policy.freeAttempts, 30);
  return Math.min(policy.firstDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** The state after reserving one more attempt, or null when the key refuses it now. */
export function reserveAttempt(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState | null {
  if (policy.kind === "ceiling") {
    const windowOver = !state || now.getTime() - state.windowStart.getTime() >= policy.windowMs;
    if (windowOver) return { failures: 1, windowStart: now, lockedUntil: null };
    if (state.failures >= policy.maxAttempts) return null;
    return { failures: state.failures + 1, windowStart: state.windowStart, lockedUntil: null };
  }
  if (state?.lockedUntil && state.lockedUntil > now) return null;
  const quiet = !state || now.getTime() - state.windowStart.getTime() >= policy.quietResetMs;
  const attempts = (quiet ? 0 : state.failures) + 1;
  const delay = backoffDelayMs(attempts, policy);
  return { failures: attempts, windowStart: now, lockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null };
}
