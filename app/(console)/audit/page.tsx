import type { Metadata } from "next";
import Link from "next/link";

import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { decodeCursor, filtersToSearchParams, parseAuditFilters } from "@/lib/audit/audit-filter-schemas";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { environmentsVisibleTo, visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission } from "@/lib/auth/roles";
import { merchantNames } from "@/lib/merchants/merchant-names";
import { describeEnvironment } from "@/lib/mobilepay/environments";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requirePagePermission("audit:read");
  const raw = await searchParams;
  const { filters, problems } = parseAuditFilters(raw);
  const cursorParam = typeof raw.before === "string" ? raw.before : undefined;
  const cursor = decodeCursor(cursorParam);
  if (cursorParam && !cursor)
    problems.push({ field: "before", message: "The page position is not valid; showing the newest events." });
  const visibleEnvironments = visibleEnvironmentIds(staff);
  const { events, nextCursor } = await listAuditEvents({ filters, cursor, visibleEnvironments });
  const names = await merchantNames(
    events.flatMap((event) => (event.merchantId ? [event.merchantId] : [])),
    visibleEnvironments,
  );
  const query = filtersToSearchParams(filters);
  const olderQuery = new URLSearchParams(query);
  if (nextCursor) olderQuery.set("before", nextCursor);
  const filtered = query.size > 0;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Everything that happened in the console, newest first. Entries are never changed."
      />
      <AuditFilters
        filters={filters}
        environments={environmentsVisibleTo(staff).map(describeEnvironment)}
        exportHref={hasPermission(staff.role, "audit:export") ? `/api/audit/export?${query.toString()}` : null}
      />
      {problems.length > 0 ? (
        <div className="mb-4">
          <Alert tone="warning">
            Ignored:{" "}
            {problems.map((problem) => (
              <span key={problem.field} className="mr-2">
                <strong>{problem.field}</strong> — {problem.message}
              </span>
            ))}
          </Alert>
        </div>
      ) : null}
      {events.length === 0 ? (
        <EmptyState
          title={filtered || cursor ? "No matching events" : "No events yet"}
          description={
            filtered
              ? "Widen the filters or the time range."
              : "Sign-ins, links, refreshes and staff changes appear here."
          }
        />
      ) : (
        <AuditTable
          events={events.map((event) => ({
            id: event.id,
            occurredAt: event.occurredAt.toISOString(),
            actorLabel: event.actorLabel,
            action: event.action,
            outcome: event.outcome,
            environment: event.environment,
            merchantId: event.merchantId,
            merchantName: event.merchantId ? (names.get(event.merchantId) ?? null) : null,
            details: event.details,
          }))}
        />
      )}
      <nav aria-label="Audit pages" className="mt-4 flex gap-2">
        {cursor ? (
          <Link className={buttonClassName("secondary")} href={`/audit?${query.toString()}`}>
            Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className={buttonClassName("secondary")} href={`/audit?${olderQuery.toString()}`}>
            Older
          </Link>
        ) : null}
      </nav>
    </>
  );
}
