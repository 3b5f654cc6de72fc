import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { DiagnosticCheck, DiagnosticLevel } from "@/lib/diagnostics/diagnostic-check";

const TONES: Record<DiagnosticLevel, BadgeTone> = { pass: "success", warn: "warning", fail: "danger", skip: "neutral" };
const LABELS: Record<DiagnosticLevel, string> = { pass: "pass", warn: "warn", fail: "fail", skip: "skipped" };

export function DiagnosticLevelBadge({ level }: { level: DiagnosticLevel }) {
  return <Badge tone={TONES[level]}>{LABELS[level]}</Badge>;
}

/** A checklist: each line with its verdict, what was found, and the fix when there is one. */
export function DiagnosticCheckList({ label, checks }: { label: string; checks: DiagnosticCheck[] }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {checks.map((check) => (
        <li key={check.id} data-check={check.id} data-level={check.level} className="flex gap-3 py-2 text-sm">
          <span className="w-16 shrink-0">
            <DiagnosticLevelBadge level={check.level} />
          </span>
          <div className="min-w-0">
            <p className="font-medium text-slate-900">{check.title}</p>
            <p className="break-words text-slate-600">{check.message}</p>
            {check.fix ? <p className="mt-0.5 text-xs text-slate-500">Fix: {check.fix}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
