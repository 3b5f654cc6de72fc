import type { Prisma } from "@prisma/client";

import { prefixUpperBound, type AuditCursor, type TAuditFilters } from "@/lib/audit/audit-filter-schemas";

/**
 * Filters and keyset position as one Prisma condition. Every condition is an equality or a range, so the
 * (merchantId, occurredAt), (action, occurredAt) and (occurredAt) indexes serve it, and a page deep in a million
 * events costs the same as the first.
 */
export function auditEventWhere(filters: TAuditFilters, cursor?: AuditCursor): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.merchant) and.push({ merchantId: filters.merchant });
  if (filters.environment) and.push({ environment: filters.environment });
  if (filters.type) and.push({ action: { gte: filters.type, lt: prefixUpperBound(filters.type) } });
  if (filters.actor) and.push({ OR: [{ actorId: filters.actor }, { actorLabel: { contains: filters.actor } }] });
  if (filters.from) and.push({ occurredAt: { gte: filters.from } });
  if (filters.to) and.push({ occurredAt: { lte: filters.to } });
  if (cursor) {
    // Seek on occurredAt first (an index range), then break ties by id.
    and.push({ occurredAt: { lte: cursor.occurredAt } });
    and.push({ OR: [{ occurredAt: { lt: cursor.occurredAt } }, { id: { lt: cursor.id } }] });
  }
  return and.length === 0 ? {} : { AND: and };
}

export const AUDIT_EVENT_ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ occurredAt: "desc" }, { id: "desc" }];
