import { describe, expect, it } from "vitest";

import { clockSkewVerdict, offsetFromDateHeader, offsetFromIssuedAt, warnThreshold } from "./clock-skew";

describe("clockSkewVerdict", () => {
  it("passes small offsets, warns past half the tolerance and fails beyond it", () => {
    expect(clockSkewVerdict(0).level).toBe("pass");
    expect(clockSkewVerdict(5).level).toBe("pass");
    expect(clockSkewVerdict(-6).level).toBe("warn");
    expect(clockSkewVerdict(10).level).toBe("warn");
    expect(clockSkewVerdict(11).level).toBe("fail");
    expect(clockSkewVerdict(-120).level).toBe("fail");
  });

  it("says which clock is ahead, and gives a fix when not passing", () => {
    const ahead = clockSkewVerdict(120);
    expect(ahead.message).toContain("120 s ahead of this console");
    expect(ahead.fix).toMatch(/NTP/);
    expect(clockSkewVerdict(-7).message).toContain("7 s behind");
    expect(clockSkewVerdict(1).fix).toBe("");
  });

  it("follows a configured tolerance", () => {
    expect(warnThreshold(30)).toBe(15);
    expect(clockSkewVerdict(20, 30).level).toBe("warn");
    expect(clockSkewVerdict(31, 30).level).toBe("fail");
  });

  it("is unknown without a measurement", () => {
    expect(clockSkewVerdict(null)).toMatchObject({ level: "unknown", offsetSeconds: null });
    expect(clockSkewVerdict(Number.NaN).level).toBe("unknown");
  });
});

describe("offsets", () => {
  it("compares a Date header with the middle of the round trip", () => {
    const sentAt = Date.parse("2025-01-01T12:00:00.000Z");
    expect(offsetFromDateHeader(new Date("2025-01-01T12:02:00Z"), sentAt, sentAt + 400)).toBe(120);
    expect(offsetFromDateHeader(new Date("2025-01-01T12:00:00Z"), sentAt, sentAt + 400)).toBe(0);
  });

  it("compares a token's iat with when it was received", () => {
    expect(offsetFromIssuedAt(1_700_000_000, new Date(1_700_000_003_000))).toBe(-3);
  });
});
