"use client";

import { useEffect, useState } from "react";

import { consoleTimeText, serverTimeText, viewerTimeZone } from "@/components/ui/time-text";

/**
 * A moment that keeps counting down (or up) every second while the page is open, such as an access token's
 * expiry; written the console's one way. The server knows neither the viewer's zone nor the moment of
 * viewing, so it writes UTC and the browser takes over after hydration. Times that need not tick are
 * LocalTime, which costs no component of its own.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  const shown = now === null ? serverTimeText(iso) : consoleTimeText(iso, { now, timeZone: viewerTimeZone() });
  if (!shown) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={shown.title} data-console-time="">
      {shown.text}
    </time>
  );
}
