import "server-only";

import { encodeCursor, type AuditCursor, type TAuditFilters } from "@/lib/audit/audit-filter-schemas";
import { findAuditEvents } from "@/lib/audit/find-audit-events";
import { getDb } from "@/lib/db/client";

export type ListAuditEventsOptions = {
  filters?: TAuditFilters;
  cursor?: AuditCursor;
  pageSize?: number;
  visibleEnvironments?: readonly string[] | null;
};

/** One page of audit events, newest first, with the cursor of the next (older) page. */
export async function listAuditEvents({
  filters = {},
  cursor,
  pageSize = 50,
  visibleEnvironments = null,
}: ListAuditEventsOptions) {
  const events = await findAuditEvents(getDb(), { filters, cursor, take: pageSize + 1, visibleEnvironments });
  const page = events.slice(0, pageSize);
  const last = page.at(-1);
  return {
    events: page,
    nextCursor: events.length > pageSize && last ? encodeCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
  };
}
