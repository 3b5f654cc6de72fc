import "server-only";

import { bindMarker, boundValues } from "@/lib/db/bind-marker";
import { configuredDatabaseIsPostgres } from "@/lib/db/database-url";
import { getDb } from "@/lib/db/client";
import { fixedRead } from "@/lib/db/fixed-read";
import { CONNECTION_STATES } from "@/lib/inspection/merchant-live-state";
import { oneOfCondition } from "@/lib/db/one-of-condition";
import { containsPattern } from "@/lib/db/sql-text-search";
import { searchIndexQuery, trigramIndexServes } from "@/lib/merchants/search-index-query";
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

/**
 * On SQLite, what to ask the trigram index (MerchantSearch) for a search, or null where it does not serve:
 * PostgreSQL's trigram indexes serve ILIKE itself, and the index finds nothing shorter than three characters.
 */
async function searchIndexQueryFor(query: Pick<TMerchantListQuery, "q">): Promise<string | null> {
  if (!query.q || configuredDatabaseIsPostgres() || !trigramIndexServes(query.q)) return null;
  return searchIndexQuery(getDb(), query.q);
}

/**
 * The merchants the trigram index finds for the search: a search then reads those merchants, not every one.
 * The index folds case more widely than LIKE does, and may be asked for a few trigrams of the text, so the
 * LIKE conditions beside it still decide.
 */
function searchIndexCandidates(indexQuery: string, bind: (value: unknown) => string): string {
  return `m."rowid" IN (SELECT "rowid" FROM "MerchantSearch" WHERE "MerchantSearch" MATCH ${bind(indexQuery)})`;
}

/** The WHERE clause, its values bound through `bind` in the order their markers appear. */
function whereFor(
  query: Omit<TMerchantListQuery, "page">,
  scope: MerchantListScope,
  indexQuery: string | null,
  bind: (value: unknown) => string,
  now: Date,
): string {
  const conditions: string[] = [];
  if (scope.environments) conditions.push(oneOfCondition(`m."environment"`, scope.environments, bind));
  if (query.environment) conditions.push(`m."environment" = ${bind(query.environment)}`);
  if (query.q) {
    if (indexQuery) conditions.push(searchIndexCandidates(indexQuery, bind));
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

/**
 * What a row of the list needs, over `m` and `t` as in WITH_TOKEN_SET, each named as its column: the ORDER BY
 * of a compound statement finds its columns by those names.
 */
const PAGE_COLUMNS = [
  ...["id", "name", "vatNumber", "environment", "products", "unlinkedAt", "lastActivityAt"].map(
    (c) => `m."${c}" AS "${c}"`,
  ),
  ...["accessTokenExpiresAt", "grantedScopes", "leaseUntil", "failureKind", "refreshStartedAt"].map(
    (c) => `t."${c}" AS "${c}"`,
  ),
].join(", ");

/**
 * One page of merchants, newest activity first, with what their connection state needs, and the count per
 * state under the same search and environments (the health strip), which also gives the page's total. The
 * most visited page of the console, so it is fixed SQL: as Prisma 6 model queries it cost about 20 ms of CPU
 * per view at 10,000 merchants, against 4 ms.
 */
export async function listMerchants(query: TMerchantListQuery, scope: MerchantListScope = { environments: null }) {
  const now = new Date();
  const { rows, stateCounts } = searchReadsEveryMatch(query)
    ? await readSearchedView(query, scope, now)
    : await readPageAndCounts(query, scope, now);
  const total = totalOfFilter(stateCounts, query.state);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / MERCHANTS_PAGE_SIZE)),
    stateCounts,
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
 * Whether the page's own statement reads every merchant the search matches: a trigram index hands over the
 * matches in no particular order, so the page sorts all of them, as the counts read all of them.
 */
function searchReadsEveryMatch(query: TMerchantListQuery): boolean {
  return query.q !== undefined && trigramIndexServes(query.q);
}

/** The page and the counts as two statements: the page walks the activity index and stops after its rows. */
async function readPageAndCounts(query: TMerchantListQuery, scope: MerchantListScope, now: Date) {
  const { state: _state, page: _page, ...countFilters } = query;
  const [rows, stateCounts] = await Promise.all([
    readMerchantsPage(query, scope, now),
    countMerchantsByState(countFilters, scope, now),
  ]);
  return { rows, stateCounts };
}

/** How many merchants a state filter selects, from the counts of every state. */
function totalOfFilter(counts: StateCounts, filter: TMerchantListQuery["state"]): number {
  if (filter && filter !== "linked") return counts[FILTER_STATE[filter]];
  const everyState = Object.values(counts).reduce((sum, count) => sum + count, 0);
  if (!filter) return everyState;
  return STATES_WITHOUT_TOKENS.reduce((linked, state) => linked - counts[state], everyState);
}

async function readMerchantsPage(
  query: TMerchantListQuery,
  scope: MerchantListScope,
  now: Date,
): Promise<MerchantListRow[]> {
  const indexQuery = await searchIndexQueryFor(query);
  const { values: filterValues, bind } = boundValues();
  const where = whereFor(query, scope, indexQuery, bind, now);
  const offsetRows = (query.page - 1) * MERCHANTS_PAGE_SIZE;
  // The page's statement binds the same filter values first, then its limit and offset.
  return fixedRead<MerchantListRow>(
    getDb(),
    `SELECT ${PAGE_COLUMNS}
    FROM ${WITH_TOKEN_SET}
    ${where}
    ORDER BY m."lastActivityAt" DESC, m."id" DESC
    LIMIT ${bindMarker(filterValues.length + 1)} OFFSET ${bindMarker(filterValues.length + 2)}`,
    ...filterValues,
    MERCHANTS_PAGE_SIZE,
    offsetRows,
  );
}

/** A row of the searched view: one merchant of the page, or (with `countedState`) one state's count. */
type SearchedViewRow = MerchantListRow & { countedState: ConnectionState | null; merchants: number | bigint | null };

/** The state filter over a set whose connection state is already decided, in its column `state`. */
function decidedStateCondition(state: TMerchantListQuery["state"], bind: (value: unknown) => string): string {
  if (!state) return "";
  if (state === "linked") return `WHERE "state" NOT IN (${STATES_WITHOUT_TOKENS.map(bind).join(", ")})`;
  return `WHERE "state" = ${bind(FILTER_STATE[state])}`;
}

/**
 * A searched list in one statement: the matches are read, joined with their token sets and decided once, into
 * a set that gives both the page (sorted on that set, then the page's 25 merchants read in full) and the
 * count per state. As two statements, the page and the counts each read and decided every match: at 100,000
 * merchants a search matching 1,111 took 1.5 ms for the page and 1.3 ms for the counts, against 2.0 ms.
 */
async function readSearchedView(query: TMerchantListQuery, scope: MerchantListScope, now: Date) {
  const indexQuery = await searchIndexQueryFor(query);
  const { values, bind } = boundValues();
  const { state: _state, page: _page, ...matchFilters } = query;
  const decided = connectionStateSql(bind, now);
  const where = whereFor(matchFilters, scope, indexQuery, bind, now);
  const pageFilter = decidedStateCondition(query.state, bind);
  const limit = bind(MERCHANTS_PAGE_SIZE);
  const offset = bind((query.page - 1) * MERCHANTS_PAGE_SIZE);
  const rows = await fixedRead<SearchedViewRow>(
    getDb(),
    `WITH "matched" AS MATERIALIZED (
      SELECT m."id" AS "id", m."lastActivityAt" AS "lastActivityAt", ${decided} AS "state" FROM ${WITH_TOKEN_SET} ${where}
    ), "pageIds" AS (
      SELECT "id", "lastActivityAt" FROM "matched" ${pageFilter}
      ORDER BY "lastActivityAt" DESC, "id" DESC LIMIT ${limit} OFFSET ${offset}
    )
    SELECT NULL AS "countedState", NULL AS "merchants", ${PAGE_COLUMNS}
    FROM "pageIds" p JOIN "Merchant" m ON m."id" = p."id" LEFT JOIN "MerchantTokenSet" t ON t."merchantId" = m."id"
    UNION ALL
    SELECT "state", COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "matched" GROUP BY "state"
    ORDER BY "lastActivityAt" DESC, "id" DESC`,
    ...values,
  );
  const stateCounts = noMerchants();
  const pageRows: MerchantListRow[] = [];
  for (const row of rows) {
    if (row.countedState === null) pageRows.push(row);
    else if (row.countedState in stateCounts) stateCounts[row.countedState] = Number(row.merchants);
  }
  return { rows: pageRows, stateCounts };
}

export type StateCounts = Record<ConnectionState, number>;

/** The states of a merchant without a token set; "linked" selects every other state. */
const STATES_WITHOUT_TOKENS: readonly ConnectionState[] = ["revoked", "never_used"];

function noMerchants(): StateCounts {
  return Object.fromEntries(CONNECTION_STATES.map((state) => [state, 0])) as StateCounts;
}

/**
 * How many merchants are in each connection state, under the list's search and environment filters (not its
 * state filter): the health strip above the list, whose counts each open the list filtered to that state.
 */
export async function countMerchantsByState(
  query: Omit<TMerchantListQuery, "page" | "state">,
  scope: MerchantListScope = { environments: null },
  now: Date = new Date(),
): Promise<StateCounts> {
  const everyMerchant = !query.q && !query.environment && scope.environments === null;
  return everyMerchant ? countAllMerchantsByState(now) : countMatchingMerchantsByState(query, scope, now);
}

/**
 * The state of every merchant the filters select, decided row by row: reads all of them. The list itself comes
 * here for an environment filter or a search too short for the trigram index; an indexed search counts in
 * readSearchedView(), beside its page.
 */
export async function countMatchingMerchantsByState(
  query: Omit<TMerchantListQuery, "page" | "state">,
  scope: MerchantListScope,
  now: Date,
): Promise<StateCounts> {
  const indexQuery = await searchIndexQueryFor(query);
  const { values, bind } = boundValues();
  const state = connectionStateSql(bind, now);
  const where = whereFor(query, scope, indexQuery, bind, now);
  const rows = await fixedRead<{ state: ConnectionState; merchants: number | bigint }>(
    getDb(),
    `SELECT "state", COUNT(*) AS "merchants" FROM (SELECT ${state} AS "state" FROM ${WITH_TOKEN_SET} ${where}) s
    GROUP BY "state"`,
    ...values,
  );
  const counts = noMerchants();
  for (const row of rows) if (row.state in counts) counts[row.state] = Number(row.merchants);
  return counts;
}

/**
 * `>= BEFORE_EVERY_DATE` stands for IS NOT NULL on a date column: without table statistics SQLite's planner
 * scans the table for IS NOT NULL, but seeks the column's index for a range.
 */
const BEFORE_EVERY_DATE = new Date(0);

/**
 * The state of every merchant, the unfiltered list's health strip, without deciding it merchant by merchant.
 * Most linked merchants are active or expiring; the other states are found through their own indexes (a
 * failure kind, a live lease, a refresh left started), so the merchants read one by one are only those. The
 * rest is counted on indexes alone: merchants, token sets, token sets not yet expiring, and merchants unlinked.
 * Decides as connectionStateSql() does, in the same order; a test holds the two to the same counts.
 */
export async function countAllMerchantsByState(now: Date): Promise<StateCounts> {
  const expiringBy = new Date(now.getTime() + EXPIRING_WITHIN_MS);
  const { values, bind } = boundValues();
  const failed = `"failureKind" IN ('terminal', 'transient')`;
  // The totals come once, joined with one row per unusual state (or none). Of the unusual states: three index
  // seeks, and a token set found by more than one is counted by the first that decides its state. One
  // statement rather than two: each statement costs the page its preparation and Prisma's handling.
  const rows = await fixedRead<{
    merchants: number | bigint;
    linked: number | bigint;
    fresh: number | bigint;
    revoked: number | bigint;
    state: ConnectionState | null;
    sets: number | bigint | null;
    expiring: number | bigint | null;
  }>(
    getDb(),
    `SELECT c."merchants", c."linked", c."fresh", c."revoked", g."state", g."sets", g."expiring"
    FROM (SELECT
      (SELECT COUNT(*) FROM "Merchant") AS "merchants",
      (SELECT COUNT(*) FROM "MerchantTokenSet") AS "linked",
      (SELECT COUNT(*) FROM "MerchantTokenSet" WHERE "accessTokenExpiresAt" > ${bind(expiringBy)}) AS "fresh",
      (SELECT COUNT(*) FROM "Merchant" m WHERE m."unlinkedAt" >= ${bind(BEFORE_EVERY_DATE)}
        AND NOT EXISTS (SELECT 1 FROM "MerchantTokenSet" t WHERE t."merchantId" = m."id")) AS "revoked"
    ) c LEFT JOIN (
      SELECT "state", COUNT(*) AS "sets",
        SUM(CASE WHEN "accessTokenExpiresAt" <= ${bind(expiringBy)} THEN 1 ELSE 0 END) AS "expiring"
      FROM (
        SELECT CASE WHEN "failureKind" = 'terminal' THEN 'relink_needed'
            WHEN "leaseUntil" > ${bind(now)} THEN 'refreshing' ELSE 'degraded' END AS "state", "accessTokenExpiresAt"
          FROM "MerchantTokenSet" WHERE ${failed}
        UNION ALL
        SELECT CASE WHEN ${failed} THEN NULL ELSE 'refreshing' END, "accessTokenExpiresAt"
          FROM "MerchantTokenSet" WHERE "leaseUntil" > ${bind(now)}
        UNION ALL
        SELECT CASE WHEN ${failed} OR "leaseUntil" > ${bind(now)} THEN NULL ELSE 'interrupted' END, "accessTokenExpiresAt"
          FROM "MerchantTokenSet" WHERE "refreshStartedAt" >= ${bind(BEFORE_EVERY_DATE)}
      ) u
      WHERE "state" IS NOT NULL
      GROUP BY "state"
    ) g ON 1 = 1`,
    ...values,
  );
  const counted = rows[0];
  const counts = noMerchants();
  let unusualSets = 0;
  let unusualExpiring = 0;
  for (const row of rows) {
    if (row.state === null) continue;
    counts[row.state] = Number(row.sets);
    unusualSets += Number(row.sets);
    unusualExpiring += Number(row.expiring ?? 0);
  }
  const linked = Number(counted?.linked ?? 0);
  // Counted from the fresh side: with 5-minute access tokens most stored ones have expired.
  counts.expiring = linked - Number(counted?.fresh ?? 0) - unusualExpiring;
  counts.active = linked - unusualSets - counts.expiring;
  counts.revoked = Number(counted?.revoked ?? 0);
  counts.never_used = Number(counted?.merchants ?? 0) - linked - counts.revoked;
  return counts;
}
