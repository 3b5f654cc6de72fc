import { utcText } from "@/components/ui/time-text";

/**
 * A time as the server renders it (UTC); once the page has hydrated, LocalTimeUpgrader shows it in the
 * viewer's zone with "3 min ago". Plain markup rather than a client component per time: tables and the
 * timeline show hundreds of them, and each client component costs the server a render and the browser a
 * hydration.
 */
export function LocalTime({ iso }: { iso: string }) {
  if (Number.isNaN(Date.parse(iso))) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso} data-local-time="">
      {utcText(iso)}
    </time>
  );
}
