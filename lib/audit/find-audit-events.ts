import "server-only";

import { AUDIT_EVENT_ORDER, auditEventWhere } from "@/lib/audit/audit-event-where";
import { prefixUpperBound, type AuditCursor, type TAuditFilters } from "@/lib/audit/audit-filter-schemas";
import type { Database } from "@/lib/db/create-client";

/** Beyond this many distinct actions under one prefix, one range query is cheaper than one query per action. */
const MAX_ACTIONS_PER_PREFIX = 50;

/**
 * The distinct actions under a prefix, by a loose index scan: each step jumps to the next action in the
 * (action, occurredAt) index, so it costs one seek per action however many events there are. Plain SQL that
 * SQLite and PostgreSQL both run.
 */
async function actionsWithPrefix(db: Database, prefix: string): Promise<string[]> {
  const upper = prefixUpperBound(prefix);
  const rows = await db.$queryRaw<{ action: string | null }[]>`
    WITH RECURSIVE found(action, depth) AS (
      SELECT (SELECT MIN("action") FROM "AuditEvent" WHERE "action" >= ${prefix} AND "action" < ${upper}), 1
      UNION ALL
      SELECT (SELECT MIN("action") FROM "AuditEvent" WHERE "action" > found.action AND "action" < ${upper}), depth + 1
      FROM found WHERE found.action IS NOT NULL AND depth <= ${MAX_ACTIONS_PER_PREFIX}
    )
    SELECT action FROM found WHERE action IS NOT NULL`;
  return rows.map((row) => row.action).filter((action): action is string => action !== null);
}

function newestFirst(a: { occurredAt: Date; id: string }, b: { occurredAt: Date; id: string }): number {
  const byTime = b.occurredAt.getTime() - a.occurredAt.getTime();
  return byTime !== 0 ? byTime : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
}

/**
 * Up to `take` events, newest first, after the cursor. A type filter is a prefix covering several actions, which
 * no index returns in time order; so each action under it is read from the (action, occurredAt) index in order
 * and the short lists are merged. Every other filter is served directly by an index.
 */
export async function findAuditEvents(
  db: Database,
  options: { filters: TAuditFilters; cursor?: AuditCursor; take: number },
) {
  const { filters, cursor, take } = options;
  if (filters.type) {
    const actions = await actionsWithPrefix(db, filters.type);
    if (actions.length <= MAX_ACTIONS_PER_PREFIX) {
      const rest = auditEventWhere({ ...filters, type: undefined }, cursor);
      const lists = await Promise.all(
        actions.map((action) =>
          db.auditEvent.findMany({ where: { AND: [rest, { action }] }, orderBy: AUDIT_EVENT_ORDER, take }),
        ),
      );
      return lists.flat().sort(newestFirst).slice(0, take);
    }
  }
  return db.auditEvent.findMany({ where: auditEventWhere(filters, cursor), orderBy: AUDIT_EVENT_ORDER, take });
}
