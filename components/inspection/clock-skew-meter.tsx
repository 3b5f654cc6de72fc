import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/lib/class-names";
import type { SkewLevel, SkewVerdict } from "@/lib/inspection/clock-skew";

const TONES: Record<SkewLevel, BadgeTone> = { pass: "success", warn: "warning", fail: "danger", unknown: "neutral" };
const BAR: Record<SkewLevel, string> = {
  pass: "bg-emerald-500",
  warn: "bg-amber-500",
  fail: "bg-red-500",
  unknown: "bg-slate-300",
};
const LABELS: Record<SkewLevel, string> = {
  pass: "in step",
  warn: "drifting",
  fail: "too far off",
  unknown: "unknown",
};

/**
 * One clock reading on a scale from minus to plus twice the tolerance: green inside the warning band, amber up to
 * the tolerance, red beyond, where id_token validation fails.
 */
export function ClockSkewMeter({ label, verdict }: { label: string; verdict: SkewVerdict }) {
  const range = verdict.toleranceSeconds * 2;
  const offset = verdict.offsetSeconds ?? 0;
  const position = 50 + (Math.max(-range, Math.min(range, offset)) / range) * 50;
  const band = (seconds: number) => `${(seconds / range) * 50}%`;
  return (
    <div className="space-y-1.5" data-clock-source={label} data-level={verdict.level}>
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="text-slate-700">{label}</span>
        <span className="flex items-center gap-2">
          <span className="font-mono text-xs">
            {verdict.offsetSeconds === null ? "—" : `${verdict.offsetSeconds > 0 ? "+" : ""}${verdict.offsetSeconds} s`}
          </span>
          <Badge tone={TONES[verdict.level]}>{LABELS[verdict.level]}</Badge>
        </span>
      </div>
      <div className="relative h-2 rounded-full bg-red-100" aria-hidden>
        <div
          className="absolute inset-y-0 bg-amber-100"
          style={{
            left: `calc(50% - ${band(verdict.toleranceSeconds)})`,
            right: `calc(50% - ${band(verdict.toleranceSeconds)})`,
          }}
        />
        <div
          className="absolute inset-y-0 bg-emerald-100"
          style={{
            left: `calc(50% - ${band(verdict.warnAtSeconds)})`,
            right: `calc(50% - ${band(verdict.warnAtSeconds)})`,
          }}
        />
        {verdict.offsetSeconds !== null ? (
          <div
            className={cn("absolute -top-0.5 h-3 w-1.5 -translate-x-1/2 rounded-sm", BAR[verdict.level])}
            style={{ left: `${position}%` }}
          />
        ) : null}
      </div>
      <p className="text-xs text-slate-600">{verdict.message}</p>
      {verdict.fix ? <p className="text-xs text-slate-500">{verdict.fix}</p> : null}
    </div>
  );
}
