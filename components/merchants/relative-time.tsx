"use client";

import { useEffect, useState } from "react";

function describe(target: number, now: number): string {
  const seconds = Math.round((target - now) / 1000);
  const magnitude = Math.abs(seconds);
  const text =
    magnitude < 60
      ? `${magnitude} s`
      : magnitude < 3600
        ? `${Math.round(magnitude / 60)} min`
        : `${Math.round(magnitude / 3600)} h`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

/** A time in the viewer's local zone with a live "in 3 min" / "2 min ago". */
export function RelativeTime({ iso, live = false }: { iso: string; live?: boolean }) {
  const target = new Date(iso).getTime();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = live ? setInterval(tick, 1000) : undefined;
    return () => {
      clearTimeout(first);
      if (timer) clearInterval(timer);
    };
  }, [live]);
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {new Date(iso).toLocaleString()}
      {now !== null ? <span className="ml-1 text-slate-500">({describe(target, now)})</span> : null}
    </time>
  );
}
