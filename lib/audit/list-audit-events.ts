import "server-only";

import { getDb } from "@/lib/db/client";

export type ListAuditEventsOptions = { page: number; pageSize?: number };

export async function listAuditEvents({ page, pageSize = 50 }: ListAuditEventsOptions) {
  const db = getDb();
  const events = await db.auditEvent.findMany({
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize + 1,
  });
  return { events: events.slice(0, pageSize), hasMore: events.length > pageSize, page };
}
