/**
 * The console's one way of writing a moment. Every date on every page goes through here, so a screen never
 * mixes "12/4/2026, 4:12 PM" with "04/12/2026, 16:16" and an ISO string: day, short month name and year
 * (unambiguous wherever the viewer is from), 24-hour clock, in the viewer's own zone.
 */

/**
 * How a moment is written:
 * - `auto`: how long ago (or until) when that is within a day, the date and time beyond; the other in the tooltip.
 * - `absolute`: always the date and time to the second, how long ago in the tooltip. For logs, where the
 *   order of events and their exact moment matter more than their age.
 */
export type TimeStyle = "auto" | "absolute";

export type TimeText = { text: string; title: string };

/** Within this distance from now, "3 min ago" says more than a date. */
const RELATIVE_WITHIN_MS = 24 * 3_600_000;

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/** "in 3 min" / "2 min ago" / "just now" from one moment to another, in the largest unit that fits. */
export function relativeText(target: number, now: number): string {
  const seconds = Math.round((target - now) / 1000);
  const magnitude = Math.abs(seconds);
  if (magnitude < 5) return "just now";
  const text =
    magnitude < MINUTE
      ? `${magnitude} s`
      : magnitude < HOUR
        ? `${Math.round(magnitude / MINUTE)} min`
        : magnitude < 2 * DAY
          ? `${Math.round(magnitude / HOUR)} h`
          : `${Math.round(magnitude / DAY)} d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

// Formatters are costly to build and a table asks for hundreds of dates: one per zone and shape.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, shape: "short" | "seconds" | "full"): Intl.DateTimeFormat {
  const key = `${timeZone}|${shape}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: shape === "full" ? "short" : undefined,
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: shape === "short" ? undefined : "2-digit",
      hourCycle: "h23",
      timeZoneName: shape === "full" ? "short" : undefined,
    });
    formatters.set(key, found);
  }
  return found;
}

/** "4 Dec 2026, 16:12" (or with seconds) in the zone. */
export function absoluteText(target: number, timeZone: string, withSeconds = false): string {
  return formatter(timeZone, withSeconds ? "seconds" : "short").format(target);
}

/** "Fri, 4 Dec 2026, 16:12:05 CET": everything, for a tooltip. */
export function fullText(target: number, timeZone: string): string {
  return formatter(timeZone, "full").format(target);
}

/** The moment as the console writes it in the zone, seen at `now`; null when `iso` is not a moment. */
export function consoleTimeText(
  iso: string,
  { now, timeZone, style = "auto" }: { now: number; timeZone: string; style?: TimeStyle },
): TimeText | null {
  const target = Date.parse(iso);
  if (Number.isNaN(target)) return null;
  const relative = relativeText(target, now);
  const full = fullText(target, timeZone);
  if (style === "absolute") return { text: absoluteText(target, timeZone, true), title: `${full} (${relative})` };
  if (Math.abs(target - now) < RELATIVE_WITHIN_MS) return { text: relative, title: full };
  return { text: absoluteText(target, timeZone), title: `${full} (${relative})` };
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
// As en-GB writes them today ("Sept" included), so that a UTC viewer's upgraded text reads the same.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

const twoDigits = (value: number) => String(value).padStart(2, "0");

/**
 * absoluteText() and fullText() in UTC, written out by hand: a table asks for two per row, and Intl's
 * formatting cost more than the rest of the row together. Intl writes years outside 1000–9999 its own
 * way, so those go to it.
 */
function utcTexts(target: number, withSeconds: boolean): { absolute: string; full: string } {
  const moment = new Date(target);
  const year = moment.getUTCFullYear();
  if (year < 1000 || year > 9999) {
    return { absolute: absoluteText(target, "UTC", withSeconds), full: fullText(target, "UTC") };
  }
  const day = `${moment.getUTCDate()} ${MONTHS[moment.getUTCMonth()]} ${year}`;
  const minutes = `${twoDigits(moment.getUTCHours())}:${twoDigits(moment.getUTCMinutes())}`;
  const seconds = `${minutes}:${twoDigits(moment.getUTCSeconds())}`;
  return {
    absolute: `${day}, ${withSeconds ? seconds : minutes}`,
    full: `${WEEKDAYS[moment.getUTCDay()]}, ${day}, ${seconds} UTC`,
  };
}

/**
 * What the server writes before the browser takes over: it knows neither the viewer's zone nor the moment
 * of viewing, so the same shape in UTC, said so.
 */
export function serverTimeText(iso: string, style: TimeStyle = "auto"): TimeText | null {
  const target = Date.parse(iso);
  if (Number.isNaN(target)) return null;
  const { absolute, full } = utcTexts(target, style === "absolute");
  return { text: `${absolute} UTC`, title: full };
}

/** The viewer's zone, as the browser knows it. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
