"use client";

import { AuditDetails } from "@/components/audit/audit-details";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { useInAppLinks } from "@/components/ui/use-in-app-links";

export type AuditRow = {
  id: string;
  occurredAt: string;
  actorLabel: string;
  action: string;
  outcome: string;
  environment: string | null;
  merchantId: string | null;
  /** Null when the merchant is not one the viewer may see (or no longer exists). */
  merchantName: string | null;
  details: string;
};

/**
 * Audit events as stored; details are non-secret JSON by construction, shown as label/value pairs. A client
 * component on purpose, like MerchantsTable: the rows travel as data and their markup is rendered once.
 * The outcome comes second so it stays in sight on a phone, where the rest scrolls inside the table. Its
 * merchant links are plain anchors that open pages inside the app through useInAppLinks.
 */
export function AuditTable({ events }: { events: AuditRow[] }) {
  const inAppLinks = useInAppLinks();
  return (
    <Table label="Audit events">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Outcome</Th>
          <Th>Action</Th>
          <Th>Actor</Th>
          <Th>Merchant</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100" {...inAppLinks}>
        {events.map((event) => (
          <tr key={event.id} data-action={event.action}>
            <Td className="text-xs whitespace-nowrap text-slate-600">
              <LocalTime iso={event.occurredAt} style="absolute" />
            </Td>
            <Td>
              <Badge tone={event.outcome === "success" ? "success" : "danger"}>{event.outcome}</Badge>
            </Td>
            <Td>
              <span className="font-mono text-xs">{event.action}</span>
              {event.environment ? <div className="text-xs text-slate-500">{event.environment}</div> : null}
            </Td>
            <Td className="text-xs wrap-anywhere">{event.actorLabel}</Td>
            <Td className="text-xs">
              {event.merchantId ? (
                <a
                  href={`/merchants/${event.merchantId}`}
                  className="text-blue-700 hover:underline"
                  title={event.merchantId}
                >
                  {event.merchantName ? (
                    <bdi>{event.merchantName}</bdi>
                  ) : (
                    <span className="font-mono">{event.merchantId.slice(0, 8)}…</span>
                  )}
                </a>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </Td>
            <Td className="min-w-64 text-xs">
              <AuditDetails details={event.details} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
