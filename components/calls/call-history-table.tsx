import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import type { SampleCallView } from "@/lib/calls/sample-call-view";

/** The merchant's recent sample calls; a row opens in the inspector. The status comes second to stay in sight on a phone. */
export function CallHistoryTable({
  calls,
  selectedId,
  onInspect,
}: {
  calls: SampleCallView[];
  selectedId: string | null;
  onInspect: (id: string) => void;
}) {
  if (calls.length === 0) {
    return <p className="text-sm text-slate-500">No sample calls yet. Run one above; it appears here for everyone.</p>;
  }
  return (
    <Table label="Sample call history">
      <thead>
        <tr>
          <Th>Call</Th>
          <Th>Status</Th>
          <Th>When</Th>
          <Th>Latency</Th>
          <Th>By</Th>
          <Th>
            <span className="sr-only">Inspect</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {calls.map((call) => (
          <tr key={call.id} className={call.id === selectedId ? "bg-blue-50" : undefined}>
            <Td>
              <span className="font-medium">{call.operationLabel}</span>{" "}
              <span className="font-mono text-xs text-slate-500">{call.method}</span>
            </Td>
            <Td>
              <Badge tone={call.outcome === "success" ? "success" : "danger"}>
                {call.responseStatus ?? "—"} {call.errorCode ?? ""}
              </Badge>
              {call.refreshed ? <span className="ml-2 text-xs text-slate-500">refreshed</span> : null}
            </Td>
            <Td className="text-xs whitespace-nowrap text-slate-500">
              <LocalTime iso={call.createdAt} style="absolute" />
            </Td>
            <Td className="font-mono text-xs">{call.durationMs} ms</Td>
            <Td className="text-xs text-slate-500">{call.staffLabel}</Td>
            <Td>
              <Button variant="ghost" onClick={() => onInspect(call.id)} aria-label={`Inspect ${call.operationLabel}`}>
                Inspect
              </Button>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
