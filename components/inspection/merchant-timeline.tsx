"use client";

import Link from "next/link";
import { useMemo, useState } from "react";

import { LocalTime } from "@/components/ui/local-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cn } from "@/lib/class-names";
import {
  filterTimeline,
  TIMELINE_KIND_LABELS,
  TIMELINE_SERVER_RENDERED_ENTRIES,
  type TimelineEntry,
  type TimelineKind,
} from "@/lib/inspection/timeline";

const KIND_TONES: Record<TimelineKind, BadgeTone> = {
  invitation: "neutral",
  consent: "success",
  refresh: "info",
  failure: "danger",
  race: "warning",
  call: "neutral",
  relink: "success",
  unlink: "neutral",
  state: "warning",
  reveal: "warning",
  other: "neutral",
};

/** One merchant's history, newest first, filterable by kind, each entry leading into the audit log. */
export function MerchantTimeline({ merchantId, entries }: { merchantId: string; entries: TimelineEntry[] }) {
  const hydrated = useHydrated();
  const [selected, setSelected] = useState<ReadonlySet<TimelineKind>>(new Set());
  const present = useMemo(() => [...new Set(entries.map((entry) => entry.kind))], [entries]);
  const filtered = filterTimeline(entries, selected);
  const visible = hydrated ? filtered : filtered.slice(0, TIMELINE_SERVER_RENDERED_ENTRIES);

  function toggle(kind: TimelineKind) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Filter the timeline by kind">
        {present.map((kind) => (
          <button
            key={kind}
            type="button"
            aria-pressed={selected.has(kind)}
            onClick={() => toggle(kind)}
            className={cn(
              "rounded-full border px-2.5 py-0.5 text-xs",
              selected.has(kind) ? "border-blue-600 bg-blue-50 text-blue-700" : "border-slate-300 text-slate-600",
            )}
          >
            {TIMELINE_KIND_LABELS[kind]}
          </button>
        ))}
        <Link href={`/audit?merchant=${encodeURIComponent(merchantId)}`} className="ml-auto text-xs text-blue-700">
          Open in the audit log
        </Link>
      </div>
      {visible.length === 0 ? <p className="text-sm text-slate-500">Nothing recorded yet.</p> : null}
      <ol
        aria-label="Merchant timeline"
        aria-busy={visible.length < filtered.length}
        data-entries={filtered.length}
        className="divide-y divide-slate-100"
      >
        {visible.map((entry) => (
          <li key={entry.id} data-kind={entry.kind} className="flex items-start justify-between gap-3 py-2 text-sm">
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={entry.outcome === "failure" ? "danger" : KIND_TONES[entry.kind]}>
                  {TIMELINE_KIND_LABELS[entry.kind]}
                </Badge>
                <span className="font-medium text-slate-900">{entry.title}</span>
                <span className="text-slate-500">by {entry.actorLabel}</span>
              </div>
              {entry.summary ? <p className="mt-0.5 text-xs break-words text-slate-600">{entry.summary}</p> : null}
            </div>
            <div className="shrink-0 text-right text-xs text-slate-500">
              <LocalTime iso={entry.at} style="absolute" />
              {entry.action ? (
                <Link
                  className="block text-blue-700"
                  href={`/audit?merchant=${encodeURIComponent(merchantId)}&type=${encodeURIComponent(entry.action)}`}
                >
                  {entry.action}
                </Link>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
