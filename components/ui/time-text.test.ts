import { describe, expect, it } from "vitest";

import { absoluteText, consoleTimeText, fullText, relativeText, serverTimeText } from "./time-text";

describe("the console's time texts", () => {
  const now = Date.parse("2026-11-26T12:00:00.000Z");
  const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

  it("says how far a moment is, in the largest unit that fits", () => {
    expect(relativeText(now + 2_000, now)).toBe("just now");
    expect(relativeText(now + 30_000, now)).toBe("in 30 s");
    expect(relativeText(now - 3 * 60_000, now)).toBe("3 min ago");
    expect(relativeText(now + 5 * 3_600_000, now)).toBe("in 5 h");
    expect(relativeText(now - 3 * 86_400_000, now)).toBe("3 d ago");
  });

  it("writes a date one unambiguous way, in the viewer's zone, on a 24-hour clock", () => {
    const moment = Date.parse("2026-12-04T15:12:05.000Z");
    expect(absoluteText(moment, "Europe/Copenhagen")).toBe("4 Dec 2026, 16:12");
    expect(absoluteText(moment, "America/New_York")).toBe("4 Dec 2026, 10:12");
    expect(absoluteText(moment, "Asia/Tokyo", true)).toBe("5 Dec 2026, 00:12:05");
  });

  it("shows how long ago within a day, with the full date and zone in the tooltip", () => {
    expect(consoleTimeText(minutesAgo(3), { now, timeZone: "Europe/Copenhagen" })).toEqual({
      text: "3 min ago",
      title: "Thu, 26 Nov 2026, 12:57:00 CET",
    });
  });

  it("shows the date beyond a day, with how long ago in the tooltip", () => {
    expect(consoleTimeText(minutesAgo(3 * 24 * 60), { now, timeZone: "Europe/Copenhagen" })).toEqual({
      text: "23 Nov 2026, 13:00",
      title: "Mon, 23 Nov 2026, 13:00:00 CET (3 d ago)",
    });
  });

  it("always shows the exact moment in the absolute style, for logs", () => {
    expect(consoleTimeText(minutesAgo(3), { now, timeZone: "America/New_York", style: "absolute" })).toEqual({
      text: "26 Nov 2026, 06:57:00",
      title: "Thu, 26 Nov 2026, 06:57:00 GMT-5 (3 min ago)",
    });
  });

  it("writes the same shape in UTC on the server, which knows no viewer's zone, and says so", () => {
    expect(serverTimeText("2026-11-26T11:57:00.000Z")).toEqual({
      text: "26 Nov 2026, 11:57 UTC",
      title: "Thu, 26 Nov 2026, 11:57:00 UTC",
    });
    expect(serverTimeText("2026-11-26T11:57:00.000Z", "absolute")?.text).toBe("26 Nov 2026, 11:57:00 UTC");
  });

  it("writes UTC by hand exactly as Intl writes it, on every weekday and month, and far years through Intl", () => {
    const moments = [
      ...Array.from({ length: 12 }, (_, month) => Date.UTC(2026, month, 1 + month * 2, month * 2, month * 5, month)),
      Date.UTC(2027, 0, 1, 0, 0, 0),
      Date.UTC(1999, 11, 31, 23, 59, 59),
      Date.UTC(99, 0, 1) - 1900 * 365 * 86_400_000,
      Date.parse("+012026-06-01T00:00:00Z"),
    ];
    for (const moment of moments) {
      const iso = new Date(moment).toISOString();
      expect(serverTimeText(iso)).toEqual({
        text: `${absoluteText(moment, "UTC")} UTC`,
        title: fullText(moment, "UTC"),
      });
      expect(serverTimeText(iso, "absolute")?.text).toBe(`${absoluteText(moment, "UTC", true)} UTC`);
    }
  });

  it("gives nothing for an unreadable time, so the caller shows it as it came", () => {
    expect(consoleTimeText("not a time", { now, timeZone: "UTC" })).toBeNull();
    expect(serverTimeText("not a time")).toBeNull();
  });
});
