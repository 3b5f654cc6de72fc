import { describe, expect, it } from "vitest";

import { afterFailure, isLocked, type ThrottleLimits } from "./login-throttle-policy";

const limits: ThrottleLimits = { maxFailures: 3, windowMs: 60_000, lockMs: 300_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

describe("login throttle policy", () => {
  it("locks after the limit within the window and unlocks after the lock time", () => {
    let state = afterFailure(null, at(0), limits);
    state = afterFailure(state, at(10), limits);
    expect(isLocked(state, at(11))).toBe(false);
    state = afterFailure(state, at(20), limits);
    expect(state.failures).toBe(3);
    expect(isLocked(state, at(21))).toBe(true);
    expect(isLocked(state, at(20 + 301))).toBe(false);
  });

  it("starts a new window once the old one has passed", () => {
    let state = afterFailure(null, at(0), limits);
    state = afterFailure(state, at(10), limits);
    state = afterFailure(state, at(75), limits);
    expect(state.failures).toBe(1);
    expect(state.windowStart).toEqual(at(75));
    expect(isLocked(state, at(76))).toBe(false);
  });

  it("treats an unknown key as unlocked", () => {
    expect(isLocked(null, at(0))).toBe(false);
  });
});
