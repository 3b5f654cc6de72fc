import { describe, expect, it } from "vitest";

import { backoffAfter, classifyRefreshFailure, detectRotationMode } from "./refresh-failure-policy";

describe("classifyRefreshFailure", () => {
  it("treats invalid_grant after the stored set moved on as a race, not a dead link", () => {
    expect(classifyRefreshFailure({ errorKind: "terminal", storedSetChanged: true })).toBe("race");
  });

  it("treats invalid_grant with the current refresh token as terminal", () => {
    expect(classifyRefreshFailure({ errorKind: "terminal", storedSetChanged: false })).toBe("terminal");
  });

  it("treats a refused client as terminal whatever the stored set did", () => {
    expect(classifyRefreshFailure({ errorKind: "configuration", storedSetChanged: false })).toBe("terminal");
  });

  it("treats timeouts, 5xx, network errors and broken responses as transient", () => {
    for (const errorKind of ["transient", "invalid_response", "network"] as const) {
      expect(classifyRefreshFailure({ errorKind, storedSetChanged: false })).toBe("transient");
    }
  });

  it("never trusts a response for another user", () => {
    expect(
      classifyRefreshFailure({ errorKind: "invalid_response", storedSetChanged: true, identityMismatch: true }),
    ).toBe("terminal");
  });
});

describe("backoffAfter", () => {
  it("doubles from 30 seconds and stops at an hour", () => {
    expect([1, 2, 3, 4].map(backoffAfter)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffAfter(50)).toBe(3_600_000);
  });
});

describe("detectRotationMode", () => {
  it("tells rotating refresh tokens from reused ones", () => {
    expect(detectRotationMode("rt-1", "rt-2")).toBe("OneTime");
    expect(detectRotationMode("rt-1", "rt-1")).toBe("ReUse");
    expect(detectRotationMode("rt-1", undefined)).toBe("ReUse");
  });
});
