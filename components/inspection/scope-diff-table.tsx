import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ScopeDiffRow } from "@/lib/inspection/scope-diff";

const STATUS: Record<ScopeDiffRow["status"], { label: string; tone: BadgeTone; meaning: string }> = {
  granted: { label: "granted", tone: "success", meaning: "Requested and granted." },
  missing: {
    label: "not granted",
    tone: "danger",
    meaning: "Requested but not granted: calls needing it answer 403; relink or ask MobilePay to enable it.",
  },
  extra: { label: "extra", tone: "neutral", meaning: "Granted without being requested (harmless)." },
};

/** The products the integrator asked for, as scopes, against what MobilePay granted. */
export function ScopeDiffTable({ rows }: { rows: ScopeDiffRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No scopes recorded.</p>;
  return (
    <table aria-label="Requested vs granted scopes" className="w-full text-sm">
      <thead>
        <tr className="text-left text-xs text-slate-500">
          <th className="py-1 pr-3 font-medium">Scope</th>
          <th className="py-1 pr-3 font-medium">Requested</th>
          <th className="py-1 pr-3 font-medium">Granted</th>
          <th className="py-1 font-medium">Verdict</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.scope} title={STATUS[row.status].meaning}>
            <td className="py-1.5 pr-3 font-mono text-xs">{row.scope}</td>
            <td className="py-1.5 pr-3">{row.requested ? "yes" : "no"}</td>
            <td className="py-1.5 pr-3">{row.granted ? "yes" : "no"}</td>
            <td className="py-1.5">
              <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
