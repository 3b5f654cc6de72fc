import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { ReceivedCallbackView } from "@/lib/calls/sample-call-view";

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const STATUS_TONES: Record<ReceivedCallbackView["status"], BadgeTone> = {
  verified: "success",
  unverified: "danger",
  incomplete: "warning",
};

/** Callbacks MobilePay delivered for this merchant, with whether their credentials checked out. */
export function ReceivedCallbacksList({ callbacks }: { callbacks: ReceivedCallbackView[] }) {
  if (callbacks.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No callbacks yet. Register the console&apos;s callbacks, then create an invoice or agreement.
      </p>
    );
  }
  return (
    <ul aria-label="Received callbacks" className="space-y-2">
      {callbacks.map((callback) => (
        <li key={callback.id}>
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
              <Badge tone="info">{callback.kind}</Badge>
              <Badge tone={STATUS_TONES[callback.status]}>{callback.status}</Badge>
              <span className="font-mono text-xs">{callback.summary}</span>
              <span className="ml-auto text-xs text-slate-500">
                <LocalTime iso={callback.receivedAt} style="absolute" />
              </span>
            </summary>
            <p className="mt-2 text-xs text-slate-500">{callback.verificationDetail}</p>
            <pre className="mt-2 max-h-60 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100">
              {prettyJson(callback.body)}
            </pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
