import { serverTimeText, type TimeStyle } from "@/components/ui/time-text";

/**
 * A moment, written the console's one way. The server writes it in UTC; once the page has hydrated,
 * LocalTimeUpgrader rewrites it in the viewer's zone ("3 min ago", the full date and zone in the tooltip).
 * Plain markup rather than a client component per time: tables and the timeline show hundreds of them, and
 * each client component costs the server a render and the browser a hydration.
 */
export function LocalTime({ iso, style = "auto" }: { iso: string; style?: TimeStyle }) {
  const server = serverTimeText(iso, style);
  if (!server) return <span>{iso}</span>;
  return (
    // The upgrader may rewrite the text and tooltip before React has hydrated the part of the page this time
    // is in (the layout hydrates first): without this, React would see a mismatch and render that part anew.
    <time
      dateTime={iso}
      title={server.title}
      data-local-time=""
      data-time-style={style}
      data-console-time=""
      suppressHydrationWarning
    >
      {server.text}
    </time>
  );
}
