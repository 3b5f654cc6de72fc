import "server-only";

import { bindMarker, boundValues } from "@/lib/db/bind-marker";
import { getDb } from "@/lib/db/client";
import { oneOfCondition } from "@/lib/db/one-of-condition";
import { containsPattern } from "@/lib/db/sql-text-search";
import { mayBePartOfVatNumber } from "@/lib/links/vat-number";
import { connectionState, EXPIRING_WITHIN_MS, type ConnectionState } from "@/lib/tokens/connection-state";
import type { TMerchantListQuery } from "@/lib/merchants/merchant-list-schemas";
import { FILTER_STATE } from "@/lib/merchants/merchant-list-states";

export const MERCHANTS_PAGE_SIZE = 25;

type MerchantListRow = {
  id: string;
  name: string;
  vatNumber: string;
  environment: string;
  products: string;
  unlinkedAt: Date | null;
  lastActivityAt: Date;
  accessTokenExpiresAt: Date | null;
  grantedScopes: string | null;
  leaseUntil: Date | null;
  failureKind: string | null;
  refreshStartedAt: Date | null;
};

/** Which merchants a list may show at all: those of these environments, or (null) of every one. */
export type MerchantListScope = { environments: string[] | null };

/**
 * A merchant's connection state in SQL, over `m` (the merchant) joined with `t` (its token set, if any): the
 * same decisions in the same order as connectionState(), so a filter or a count never disagrees with a badge.
 */
export function connectionStateSql(bind: (value: unknown) => string, now: Date): string {
  return `CASE
    WHEN t."merchantId" IS NULL THEN (CASE WHEN m."unlinkedAt" IS NULL THEN 'never_used' ELSE 'revoked' END)
    WHEN t."failureKind" = 'terminal' THEN 'relink_needed'
    WHEN t."leaseUntil" IS NOT NULL AND t."leaseUntil" > ${bind(now)} THEN 'refreshing'
    WHEN t."failureKind" = 'transient' THEN 'degraded'
    WHEN t."refreshStartedAt" IS NOT NULL THEN 'interrupted'
    WHEN t."accessTokenExpiresAt" <= ${bind(new Date(now.getTime() + EXPIRING_WITHIN_MS))} THEN 'expiring'
    ELSE 'active' END`;
}

/** The WHERE clause, its values bound through `bind` in the order their markers appear. */
function whereFor(
  query: Omit<TMerchantListQuery, "page">,
  scope: MerchantListScope,
  bind: (value: unknown) => string,
  now: Date,
): string {
  const conditions: string[] = [];
  if (scope.environments) conditions.push(oneOfCondition(`m."environment"`, scope.environments, bind));
  if (query.environment) conditions.push(`m."environment" = ${bind(query.environment)}`);
  if (query.q) {
    const name = containsPattern(query.q);
    const nameMatches = `m."name" ${name.operator} ${bind(name.pattern)} ESCAPE '\\'`;
    if (mayBePartOfVatNumber(query.q)) {
      const vat = containsPattern(query.q.toUpperCase());
      conditions.push(`(${nameMatches} OR m."vatNumber" ${vat.operator} ${bind(vat.pattern)} ESCAPE '\\')`);
    } else {
      conditions.push(nameMatches);
    }
  }
  if (query.state === "linked") conditions.push(`t."merchantId" IS NOT NULL`);
  else if (query.state) conditions.push(`${connectionStateSql(bind, now)} = ${bind(FILTER_STATE[query.state])}`);
  return conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
}

const WITH_TOKEN_SET = `"Merchant" m LEFT JOIN "MerchantTokenSet" t ON t."merchantId" = m."id"`;

async function countMerchants(where: string, values: unknown[]): Promise<number> {
  const [counted] = await getDb().$queryRawUnsafe<{ total: number | bigint }[]>(
    `SELECT COUNT(*) AS "total" FROM ${WITH_TOKEN_SET} ${where}`,
    ...values,
  );
  return Number(counted?.total ?? 0);
}

/**
 * One page of merchants, newest activity first, with what their connection state needs. The most
 * visited page of the console, so it is fixed SQL (the page and tokens joined, then a count if needed):
 * as Prisma 6 model queries it cost about 20 ms of CPU per view at 10,000 merchants, against 4 ms.
 */
export async function listMerchants(query: TMerchantListQuery, scope: MerchantListScope = { environments: null }) {
  const db = getDb();
  const { values: filterValues, bind } = boundValues();
  const now = new Date();
  const where = whereFor(query, scope, bind, now);
  const offsetRows = (query.page - 1) * MERCHANTS_PAGE_SIZE;
  // The page's statement binds the same filter values first, then its limit and offset.
  const rows = await db.$queryRawUnsafe<MerchantListRow[]>(
    `SELECT m."id", m."name", m."vatNumber", m."environment", m."products", m."unlinkedAt", m."lastActivityAt",
      t."accessTokenExpiresAt", t."grantedScopes", t."leaseUntil", t."failureKind", t."refreshStartedAt"
    FROM ${WITH_TOKEN_SET}
    ${where}
    ORDER BY m."lastActivityAt" DESC, m."id" DESC
    LIMIT ${bindMarker(filterValues.length + 1)} OFFSET ${bindMarker(filterValues.length + 2)}`,
    ...filterValues,
    MERCHANTS_PAGE_SIZE,
    offsetRows,
  );
  // A page that is not full is the last one, so it tells the total. A search (LIKE '%…%') reads every
  // merchant, and a search for one merchant, the usual kind, then needs that reading once, not twice.
  const pageTellsTotal = rows.length < MERCHANTS_PAGE_SIZE && (rows.length > 0 || offsetRows === 0);
  const total = pageTellsTotal ? offsetRows + rows.length : await countMerchants(where, filterValues);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / MERCHANTS_PAGE_SIZE)),
    merchants: rows.map((row) => {
      // A token set always has an expiry, so a missing one means no token set joined.
      const tokenSet = row.accessTokenExpiresAt
        ? {
            accessTokenExpiresAt: row.accessTokenExpiresAt,
            leaseUntil: row.leaseUntil,
            failureKind: row.failureKind,
            refreshStartedAt: row.refreshStartedAt,
          }
        : null;
      return {
        id: row.id,
        name: row.name,
        vatNumber: row.vatNumber,
        environment: row.environment,
        scopes: row.grantedScopes ?? row.products,
        state: connectionState({ unlinkedAt: row.unlinkedAt, tokenSet }, now),
        accessTokenExpiresAt: tokenSet?.accessTokenExpiresAt.toISOString() ?? null,
        lastActivityAt: row.lastActivityAt.toISOString(),
      };
    }),
  };
}

/**
 * How many merchants are in each connection state, under the list's search and environment filters (not its
 * state filter): the health strip above the list, whose counts each open the list filtered to that state.
 */
export async function countMerchantsByState(
  query: Omit<TMerchantListQuery, "page" | "state">,
  scope: MerchantListScope = { environments: null },
): Promise<Record<ConnectionState, number>> {
  const { values, bind } = boundValues();
  const now = new Date();
  const state = connectionStateSql(bind, now);
  const where = whereFor(query, scope, bind, now);
  const rows = await getDb().$queryRawUnsafe<{ state: ConnectionState; merchants: number | bigint }[]>(
    `SELECT "state", COUNT(*) AS "merchants" FROM (SELECT ${state} AS "state" FROM ${WITH_TOKEN_SET} ${where}) s
    GROUP BY "state"`,
    ...values,
  );
  const counts: Record<ConnectionState, number> = {
    active: 0,
    expiring: 0,
    refreshing: 0,
    interrupted: 0,
    degraded: 0,
    relink_needed: 0,
    revoked: 0,
    never_used: 0,
  };
  for (const row of rows) if (row.state in counts) counts[row.state] = Number(row.merchants);
  return counts;
}
