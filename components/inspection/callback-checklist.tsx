import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/badge";

export type CallbackRecordView = {
  id: string;
  receivedAt: string;
  outcome: string;
  failedCheck: string | null;
  /** `explanation` is what a failed check means, written on the server. */
  checks: { name: string; passed: boolean; detail: string; explanation: string | null }[] | { error: string };
  clockOffsetSeconds: number | null;
  tokenEndpointStatus: number | null;
  tokenEndpointError: string | null;
};

/** What the console checked on one response from MobilePay, as a pass/fail list with what each failure means. */
export function CallbackChecklist({ record }: { record: CallbackRecordView }) {
  const passed = record.outcome === "passed";
  return (
    <details className="rounded-md border border-slate-200 p-3" open={!passed} data-callback-record={record.id}>
      <summary className="cursor-pointer text-sm">
        <Badge tone={passed ? "success" : "danger"}>{record.outcome}</Badge> <LocalTime iso={record.receivedAt} />
        {record.failedCheck ? <span className="ml-2 font-mono text-xs">failed: {record.failedCheck}</span> : null}
        {record.clockOffsetSeconds !== null ? (
          <span className="ml-2 text-xs text-slate-500">clock offset {record.clockOffsetSeconds} s</span>
        ) : null}
      </summary>
      {"error" in record.checks ? (
        <p className="mt-2 text-sm text-red-700">Cannot decode the stored checks: {record.checks.error}</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm" aria-label="Callback checks">
          {record.checks.map((check, index) => (
            <li key={`${check.name}-${index}`} className="flex gap-2">
              <span
                aria-label={check.passed ? "passed" : "failed"}
                className={check.passed ? "text-emerald-700" : "text-red-700"}
              >
                {check.passed ? "✓" : "✗"}
              </span>
              <div className="min-w-0">
                <span className="font-mono text-xs">{check.name}</span>{" "}
                <span className="text-slate-500">{check.detail}</span>
                {check.explanation ? <p className="mt-0.5 text-xs text-red-800">{check.explanation}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {record.tokenEndpointStatus !== null || record.tokenEndpointError ? (
        <p className="mt-2 text-xs text-slate-500">
          Token endpoint: {record.tokenEndpointStatus ?? "no answer"}
          {record.tokenEndpointError ? ` · ${record.tokenEndpointError}` : ""}
        </p>
      ) : null}
    </details>
  );
}
