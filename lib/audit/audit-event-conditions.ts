import { prefixUpperBound, type AuditCursor, type TAuditFilters } from "@/lib/audit/audit-filter-schemas";
import { oneOfCondition } from "@/lib/db/one-of-condition";
import { containsPattern } from "@/lib/db/sql-text-search";

/**
 * Filters, the environments the reader may see (null: all) and keyset position as SQL conditions, each value
 * bound through `bind` (which returns its marker). A restricted reader sees only events of those
 * environments: events of none (staff administration, sign-ins) are not theirs to see either. Every condition is an equality or a range, so the (merchantId, occurredAt), (action, occurredAt)
 * and (occurredAt) indexes serve it, and a page deep in a million events costs the same as the first.
 */
export function auditEventConditions(
  filters: TAuditFilters,
  cursor: AuditCursor | undefined,
  bind: (value: unknown) => string,
  visibleEnvironments: readonly string[] | null = null,
): string[] {
  const conditions: string[] = [];
  if (visibleEnvironments) conditions.push(oneOfCondition(`"environment"`, visibleEnvironments, bind));
  if (filters.merchant) conditions.push(`"merchantId" = ${bind(filters.merchant)}`);
  if (filters.environment) conditions.push(`"environment" = ${bind(filters.environment)}`);
  if (filters.type) {
    conditions.push(`"action" >= ${bind(filters.type)} AND "action" < ${bind(prefixUpperBound(filters.type))}`);
  }
  if (filters.actor) {
    const { operator, pattern } = containsPattern(filters.actor);
    conditions.push(`("actorId" = ${bind(filters.actor)} OR "actorLabel" ${operator} ${bind(pattern)} ESCAPE '\\')`);
  }
  if (filters.from) conditions.push(`"occurredAt" >= ${bind(filters.from)}`);
  if (filters.to) conditions.push(`"occurredAt" <= ${bind(filters.to)}`);
  if (cursor) {
    // Seek on occurredAt first (an index range), then break ties by id.
    conditions.push(`"occurredAt" <= ${bind(cursor.occurredAt)}`);
    conditions.push(`("occurredAt" < ${bind(cursor.occurredAt)} OR "id" < ${bind(cursor.id)})`);
  }
  return conditions;
}
