import { describe, expect, it } from "vitest";

import { localText, relativeText, utcText } from "./time-text";

describe("time texts", () => {
  const now = Date.parse("2026-11-26T12:00:00.000Z");

  it("says how far a moment is, in the largest unit that fits", () => {
    expect(relativeText(now + 30_000, now)).toBe("in 30 s");
    expect(relativeText(now - 3 * 60_000, now)).toBe("3 min ago");
    expect(relativeText(now + 5 * 3_600_000, now)).toBe("in 5 h");
    expect(relativeText(now - 3 * 86_400_000, now)).toBe("3 d ago");
  });

  it("shows UTC on the server, where the viewer's zone is unknown", () => {
    expect(utcText("2026-11-26T11:57:00.000Z")).toBe("2026-11-26 11:57:00 UTC");
  });

  it("shows the viewer's local time with how long ago it was, and nothing for an unreadable time", () => {
    const text = localText("2026-11-26T11:57:00.000Z", now);
    expect(text).toBe(`${new Date("2026-11-26T11:57:00.000Z").toLocaleString()} (3 min ago)`);
    expect(localText("not a time", now)).toBeNull();
  });
});
