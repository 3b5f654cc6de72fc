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
    // The upgrader may rewrite the text before React has hydrated the part of the page this time is in
    // (the layout hydrates first): without this, React would see a mismatch and render that part anew.
    <time dateTime={iso} title={iso} data-local-time="" suppressHydrationWarning>
      {utcText(iso)}
    </time>
  );
}
