import { describe, expect, it } from "vitest";

import {
  backoffDelayMs,
  reserveAttempt,
  type BackoffPolicy,
  type CeilingPolicy,
  type ThrottleState,
} from "./login-throttle-policy";

const ceiling: CeilingPolicy = { kind: "ceiling", maxAttempts: 3, windowMs: 60_000 };
const backoff: BackoffPolicy = {
  kind: "backoff",
  freeAttempts: 3,
  firstDelayMs: 10_000,
  maxDelayMs: 60_000,
  quietResetMs: 600_000,
};
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function reserveAll(policy: CeilingPolicy | BackoffPolicy, seconds: number[]): (ThrottleState | null)[] {
  let state: ThrottleState | null = null;
  return seconds.map((second) => {
    const next = reserveAttempt(state, at(second), policy);
    if (next) state = next;
    return next;
  });
}

describe("sign-in ceiling", () => {
  it("reserves up to the limit within the window, then refuses until the window has passed", () => {
    const results = reserveAll(ceiling, [0, 1, 2, 3, 59, 60]);
    expect(results.map((state) => state?.failures ?? null)).toEqual([1, 2, 3, null, null, 1]);
  });
});

describe("sign-in backoff per account and address", () => {
  it("lets the free attempts through, then doubles the wait after each further attempt up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempts) => backoffDelayMs(attempts, backoff))).toEqual([
      0, 0, 10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });

  it("refuses an attempt while the wait is running and takes the next one once it is over", () => {
    const results = reserveAll(backoff, [0, 1, 2, 5, 12, 13, 33]);
    expect(results.map((state) => state?.failures ?? null)).toEqual([1, 2, 3, null, 4, null, 5]);
    expect(results[2]?.lockedUntil).toEqual(at(12));
    expect(results[4]?.lockedUntil).toEqual(at(32));
  });

  it("starts counting again after a quiet period", () => {
    const results = reserveAll(backoff, [0, 1, 2, 700]);
    expect(results[3]).toEqual({ failures: 1, windowStart: at(700), lockedUntil: null });
  });
});
