import { describe, expect, it } from "vitest";

import { configuredSlowness, MAX_TEST_SLOWNESS, scaled, slownessFromLoad, testSlowness } from "./test-slowness";

describe("test slowness", () => {
  it("is 1 on an idle machine and grows with the load per core", () => {
    expect(slownessFromLoad(0, 2)).toBe(1);
    expect(slownessFromLoad(2, 2)).toBe(2);
    expect(slownessFromLoad(3, 2)).toBe(2.5);
    expect(slownessFromLoad(0.13, 2)).toBe(1.1);
  });

  it("never stretches bounds past the point where a test is more likely hung than slow", () => {
    expect(slownessFromLoad(40, 2)).toBe(MAX_TEST_SLOWNESS);
    expect(configuredSlowness("50")).toBe(MAX_TEST_SLOWNESS);
  });

  it("takes a configured factor over the measured one, and refuses one below 1 or not a number", () => {
    expect(configuredSlowness(undefined)).toBeUndefined();
    expect(configuredSlowness("")).toBeUndefined();
    expect(configuredSlowness("2.5")).toBe(2.5);
    expect(() => configuredSlowness("0.5")).toThrow(/at least 1/);
    expect(() => configuredSlowness("fast")).toThrow(/TEST_SLOWNESS/);
  });

  it("measures once and keeps the factor in the environment, so every process of the run agrees", () => {
    const env: Record<string, string | undefined> = {};
    const first = testSlowness(env);
    expect(env.TEST_SLOWNESS).toBe(String(first));
    env.TEST_SLOWNESS = "3";
    expect(testSlowness(env)).toBe(3);
  });

  it("stretches a quiet machine's bound by the factor", () => {
    expect(scaled(30_000, { TEST_SLOWNESS: "2" })).toBe(60_000);
    expect(scaled(10_000, { TEST_SLOWNESS: "1" })).toBe(10_000);
  });
});
