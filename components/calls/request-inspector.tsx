import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import type { SampleCallOutcome, SampleCallView } from "@/lib/calls/sample-call-view";

const OUTCOME_TONES: Record<SampleCallOutcome, BadgeTone> = {
  success: "success",
  "api-error": "danger",
  unauthorized: "danger",
  "network-error": "warning",
};

function prettyJson(text: string | null): string {
  if (text === null) return "(no body)";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </div>
  );
}

function Code({ label, children }: { label: string; children: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100"
    >
      {children}
    </pre>
  );
}

/**
 * Everything about one sample call: the request as sent (credentials masked),
 * the answer, timing, correlation id, whether the token service refreshed, and
 * the call as curl with `$ACCESS_TOKEN` in place of the token.
 */
export function RequestInspector({
  call,
  retriedAfter401,
  hint,
}: {
  call: SampleCallView;
  retriedAfter401?: boolean;
  hint?: string | null;
}) {
  return (
    <div className="space-y-4" role="region" aria-label="Request inspector">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={OUTCOME_TONES[call.outcome]}>{call.outcome}</Badge>
        <span className="font-mono font-semibold">{call.method}</span>
        <span className="font-mono text-xs break-all text-slate-700">{call.url}</span>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-slate-500">Status</dt>
        <dd data-testid="inspector-status" className="font-mono">
          {call.responseStatus ?? "no answer"}
        </dd>
        <dt className="text-slate-500">Latency</dt>
        <dd className="font-mono">{call.durationMs} ms</dd>
        <dt className="text-slate-500">Correlation id</dt>
        <dd className="font-mono text-xs break-all">{call.correlationId ?? "—"}</dd>
        <dt className="text-slate-500">Token refreshed</dt>
        <dd>
          {call.refreshed ? "yes" : "no"}
          {retriedAfter401 ? " (after a 401, retried once)" : ""}
        </dd>
      </dl>
      {call.outcome !== "success" && call.errorMessage ? (
        <div
          role="alert"
          className="space-y-1 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          <p>
            {call.errorCode ? <span className="font-mono font-semibold">{call.errorCode}</span> : null}{" "}
            {call.errorMessage}
          </p>
          {call.correlationId ? <p className="font-mono text-xs">correlation id {call.correlationId}</p> : null}
          {hint ? <p>{hint}</p> : null}
        </div>
      ) : null}
      {call.highlights.length > 0 ? (
        <dl className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm">
          {call.highlights.map((highlight) => (
            <div key={highlight.label} className="flex flex-wrap gap-2">
              <dt className="text-emerald-800">{highlight.label}</dt>
              <dd className="font-mono text-xs break-all text-emerald-950">
                {highlight.href ? (
                  <a href={highlight.value} target="_blank" rel="noreferrer" className="underline">
                    {highlight.value}
                  </a>
                ) : (
                  highlight.value
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <Section title="Request headers">
        <table aria-label="Request headers" className="w-full text-xs">
          <tbody>
            {Object.entries(call.requestHeaders).map(([name, value]) => (
              <tr key={name} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 text-left font-mono font-medium text-slate-600">
                  {name}
                </th>
                <td className="py-1 font-mono break-all">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {call.requestBody !== null ? (
        <Section title="Request body">
          <Code label="Request body">{prettyJson(call.requestBody)}</Code>
        </Section>
      ) : null}
      <Section title="Response body">
        <Code label="Response body">{prettyJson(call.responseBody)}</Code>
      </Section>
      <Section title="As curl">
        <Code label="curl command">{call.curl}</Code>
        <CopyButton value={call.curl} label="Copy as curl" />
      </Section>
    </div>
  );
}
