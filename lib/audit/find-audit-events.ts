import "server-only";

import { auditEventConditions } from "@/lib/audit/audit-event-conditions";
import { prefixUpperBound, type AuditCursor, type TAuditFilters } from "@/lib/audit/audit-filter-schemas";
import { boundValues } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { fixedRead } from "@/lib/db/fixed-read";

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

export type AuditEventRow = {
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  environment: string | null;
  merchantId: string | null;
  outcome: string;
  details: string;
};

/**
 * Up to `take` events, newest first, matching the filters (and one action, when given), as one fixed
 * statement: the audit page and the export read through here, and a Prisma 6 model query is compiled anew
 * on every call.
 */
function selectAuditEvents(
  db: Database,
  filters: TAuditFilters,
  cursor: AuditCursor | undefined,
  take: number,
  visibleEnvironments: readonly string[] | null,
  action?: string,
): Promise<AuditEventRow[]> {
  const { values, bind } = boundValues();
  const conditions = auditEventConditions(filters, cursor, bind, visibleEnvironments);
  if (action !== undefined) conditions.push(`"action" = ${bind(action)}`);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
  return fixedRead<AuditEventRow>(
    db,
    `SELECT "id", "occurredAt", "actorType", "actorId", "actorLabel", "action", "environment", "merchantId",
      "outcome", "details"
    FROM "AuditEvent" ${where}
    ORDER BY "occurredAt" DESC, "id" DESC LIMIT ${bind(take)}`,
    ...values,
  );
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
  options: {
    filters: TAuditFilters;
    cursor?: AuditCursor;
    take: number;
    /** Only events of these environments (demo staff see sandboxes only); null or absent: every event. */
    visibleEnvironments?: readonly string[] | null;
  },
): Promise<AuditEventRow[]> {
  const { filters, cursor, take } = options;
  const visibleEnvironments = options.visibleEnvironments ?? null;
  if (filters.type) {
    const actions = await actionsWithPrefix(db, filters.type);
    if (actions.length <= MAX_ACTIONS_PER_PREFIX) {
      const lists = await Promise.all(
        actions.map((action) =>
          selectAuditEvents(db, { ...filters, type: undefined }, cursor, take, visibleEnvironments, action),
        ),
      );
      return lists.flat().sort(newestFirst).slice(0, take);
    }
  }
  return selectAuditEvents(db, filters, cursor, take, visibleEnvironments);
}
