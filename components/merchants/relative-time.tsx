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
        : magnitude < 172_800
          ? `${Math.round(magnitude / 3600)} h`
          : `${Math.round(magnitude / 86_400)} d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

/**
 * A time in the viewer's local zone with a live "in 3 min" / "2 min ago". The server knows neither the viewer's
 * zone nor the moment of viewing, so it renders UTC and the browser takes over after hydration.
 */
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
  if (Number.isNaN(target)) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {now === null ? `${iso.slice(0, 19).replace("T", " ")} UTC` : new Date(target).toLocaleString()}
      {now !== null ? <span className="ml-1 text-slate-500">({describe(target, now)})</span> : null}
    </time>
  );
}
