import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requirePagePermission } from "@/lib/auth/require-role";

export const metadata: Metadata = { title: "Audit" };

const ZAuditQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePagePermission("audit:read");
  const { page } = ZAuditQuerySchema.parse(await searchParams);
  const { events, hasMore } = await listAuditEvents({ page });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Everything that happened in the console, newest first. Entries are never changed."
      />
      {events.length === 0 ? (
        <EmptyState title="No events yet" description="Sign-ins, links, refreshes and staff changes appear here." />
      ) : (
        <Table label="Audit events">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Outcome</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((event) => (
              <tr key={event.id}>
                <Td className="whitespace-nowrap">{event.occurredAt.toISOString()}</Td>
                <Td>{event.actorLabel}</Td>
                <Td className="font-mono text-xs">{event.action}</Td>
                <Td>
                  <Badge tone={event.outcome === "success" ? "success" : "danger"}>{event.outcome}</Badge>
                </Td>
                <Td className="max-w-md truncate font-mono text-xs text-slate-500">{event.details}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <div className="mt-4 flex gap-2">
        {page > 1 ? (
          <Link className={buttonClassName("secondary")} href={`/audit?page=${page - 1}`}>
            Newer
          </Link>
        ) : null}
        {hasMore ? (
          <Link className={buttonClassName("secondary")} href={`/audit?page=${page + 1}`}>
            Older
          </Link>
        ) : null}
      </div>
    </>
  );
}
