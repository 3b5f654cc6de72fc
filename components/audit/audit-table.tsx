"use client";

import Link from "next/link";

import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

export type AuditRow = {
  id: string;
  occurredAt: string;
  actorLabel: string;
  action: string;
  outcome: string;
  environment: string | null;
  merchantId: string | null;
  details: string;
};

/**
 * Audit events as stored; details are non-secret JSON by construction. A client component on purpose, like
 * MerchantsTable: the rows travel as data and their markup is rendered once.
 */
export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <Table label="Audit events">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Outcome</Th>
          <Th>Environment</Th>
          <Th>Merchant</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((event) => (
          <tr key={event.id} data-action={event.action}>
            <Td className="whitespace-nowrap">
              <LocalTime iso={event.occurredAt} style="absolute" />
            </Td>
            <Td>{event.actorLabel}</Td>
            <Td className="font-mono text-xs">{event.action}</Td>
            <Td>
              <Badge tone={event.outcome === "success" ? "success" : "danger"}>{event.outcome}</Badge>
            </Td>
            <Td>{event.environment ?? "—"}</Td>
            <Td className="font-mono text-xs">
              {event.merchantId ? <Link href={`/merchants/${event.merchantId}`}>{event.merchantId}</Link> : "—"}
            </Td>
            <Td className="max-w-md font-mono text-xs break-all text-slate-500">{event.details}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
