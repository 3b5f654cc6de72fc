"use client";

import { useEffect, useState } from "react";

import { relativeText, utcText } from "@/components/ui/time-text";

/**
 * A time that keeps counting down (or up) while the page is open, such as an access token's expiry. The
 * server knows neither the viewer's zone nor the moment of viewing, so it renders UTC and the browser takes
 * over after hydration. Times that need not tick are LocalTime, which costs no component of its own.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const target = new Date(iso).getTime();
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
  if (Number.isNaN(target)) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {now === null ? utcText(iso) : new Date(target).toLocaleString()}
      {now !== null ? <span className="ml-1 text-slate-500">({relativeText(target, now)})</span> : null}
    </time>
  );
}
