/** "in 3 min" / "2 min ago" from one moment to another. */
export function relativeText(target: number, now: number): string {
  const seconds = Math.round((target - now) / 1000);
  const magnitude = Math.abs(seconds);
  const text =
    magnitude < 60
      ? `${magnitude} s`
      : magnitude < 3600
        ? `${Math.round(magnitude / 60)} min`
        : magnitude < 172_800
          ? `${Math.round(magnitude / 3600)} h`
          : `${Math.round(magnitude / 86_400)} d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

/** What the server can show: it knows neither the viewer's zone nor the moment of viewing. */
export function utcText(iso: string): string {
  return `${iso.slice(0, 19).replace("T", " ")} UTC`;
}

/** The time in the viewer's zone and locale, with how long ago (or until) it is. */
export function localText(iso: string, now: number): string | null {
  const target = Date.parse(iso);
  if (Number.isNaN(target)) return null;
  return `${new Date(target).toLocaleString()} (${relativeText(target, now)})`;
}
