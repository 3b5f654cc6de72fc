import { describe, expect, it } from "vitest";

import { FixedWindowLimiter } from "@/lib/http/fixed-window-limiter";

describe("a fixed-window limiter", () => {
  it("allows the limit per key and window, then refuses until the window ends", () => {
    const limiter = new FixedWindowLimiter({ limit: 3, windowMs: 60_000, maxKeys: 10 });
    const taken = Array.from({ length: 5 }, () => limiter.take("203.0.113.7", 1_000));
    expect(taken).toEqual([true, true, true, false, false]);
    expect(limiter.take("198.51.100.1", 1_000)).toBe(true);
    expect(limiter.take("203.0.113.7", 60_999)).toBe(false);
    expect(limiter.take("203.0.113.7", 61_000)).toBe(true);
  });

  it("tracks at most maxKeys keys: a new key is refused while all are live, and let in once one ends", () => {
    const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 60_000, maxKeys: 3 });
    expect(["a", "b", "c"].map((key) => limiter.take(key, 0))).toEqual([true, true, true]);
    expect(limiter.take("d", 30_000)).toBe(false);
    expect(limiter.take("d", 60_000)).toBe(true);
  });
});
