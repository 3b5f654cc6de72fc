import "server-only";

import type { ApiMerchantState, TApiMerchant } from "@/lib/api/api-merchant-schemas";
import { apiMerchantState } from "@/lib/api/api-merchant-state";
import { boundValues } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { oneOfCondition } from "@/lib/db/one-of-condition";
import { CONNECTION_STATES } from "@/lib/inspection/merchant-live-state";
import { connectionStateSql } from "@/lib/merchants/list-merchants";
import { connectionState } from "@/lib/tokens/connection-state";
import type { StoredTokenSet } from "@/lib/tokens/read-stored-sets";

type ApiMerchantRow = {
  id: string;
  name: string;
  vatNumber: string;
  environment: string;
  mobilePayId: string | null;
  products: string;
  unlinkedAt: Date | null;
  updatedAt: Date;
  tokenUpdatedAt: Date | null;
  accessTokenExpiresAt: Date | null;
  grantedScopes: string | null;
  leaseUntil: Date | null;
  failureKind: string | null;
  failureReason: string | null;
  failureAt: Date | null;
  refreshStartedAt: Date | null;
  lastRefreshedAt: Date | null;
};

export type ApiMerchantFilter = {
  /** The key's environments: a merchant of any other does not exist for it. */
  environments: readonly string[];
  merchantId?: string;
  environment?: string;
  state?: ApiMerchantState;
  vatNumber?: string;
  updatedSince?: Date;
  /** Keyset: only merchants whose id sorts after this one. */
  afterId?: string;
  limit: number;
};

/**
 * The merchants in one API state: the console's own SQL for the connection state (the one its lists and
 * counts use) compared with the states apiMerchantState folds into this one, so the filter cannot drift
 * from the state each answer shows.
 */
function stateCondition(state: ApiMerchantState, bind: (value: unknown) => string, now: Date): string {
  const folded = CONNECTION_STATES.filter((connection) => apiMerchantState(connection) === state);
  return oneOfCondition(`(${connectionStateSql(bind, now)})`, folded, bind);
}

/**
 * Merchants as the integrator API shows them, in id order for keyset paging, read in one fixed statement
 * (merchant and token set joined; no ciphertext column is named). A merchant outside the key's
 * environments is never read, so it cannot be told apart from one that does not exist.
 */
export async function readApiMerchants(
  db: Database,
  filter: ApiMerchantFilter,
  consoleUrl: string,
  now: Date = new Date(),
): Promise<TApiMerchant[]> {
  const { values, bind } = boundValues();
  const conditions = [oneOfCondition(`m."environment"`, filter.environments, bind)];
  if (filter.merchantId !== undefined) conditions.push(`m."id" = ${bind(filter.merchantId)}`);
  if (filter.environment !== undefined) conditions.push(`m."environment" = ${bind(filter.environment)}`);
  if (filter.vatNumber !== undefined) conditions.push(`m."vatNumber" = ${bind(filter.vatNumber)}`);
  if (filter.updatedSince !== undefined) {
    conditions.push(`(m."updatedAt" >= ${bind(filter.updatedSince)} OR t."updatedAt" >= ${bind(filter.updatedSince)})`);
  }
  if (filter.afterId !== undefined) conditions.push(`m."id" > ${bind(filter.afterId)}`);
  if (filter.state !== undefined) conditions.push(stateCondition(filter.state, bind, now));
  const rows = await db.$queryRawUnsafe<ApiMerchantRow[]>(
    `SELECT m."id", m."name", m."vatNumber", m."environment", m."mobilePayId", m."products", m."unlinkedAt",
      m."updatedAt", t."updatedAt" AS "tokenUpdatedAt", t."accessTokenExpiresAt", t."grantedScopes",
      t."leaseUntil", t."failureKind", t."failureReason", t."failureAt", t."refreshStartedAt", t."lastRefreshedAt"
    FROM "Merchant" m LEFT JOIN "MerchantTokenSet" t ON t."merchantId" = m."id"
    WHERE ${conditions.join(" AND ")}
    ORDER BY m."id" ASC
    LIMIT ${bind(filter.limit)}`,
    ...values,
  );
  const base = consoleUrl.replace(/\/$/, "");
  return rows.map((row) => toApiMerchant(row, base, now));
}

function toApiMerchant(row: ApiMerchantRow, consoleUrl: string, now: Date): TApiMerchant {
  // A token set always has an expiry, so a missing one means no token set joined.
  const tokenSet = row.accessTokenExpiresAt
    ? {
        accessTokenExpiresAt: row.accessTokenExpiresAt,
        leaseUntil: row.leaseUntil,
        failureKind: row.failureKind,
        refreshStartedAt: row.refreshStartedAt,
      }
    : null;
  const state = connectionState({ unlinkedAt: row.unlinkedAt, tokenSet }, now);
  const updatedAt = row.tokenUpdatedAt && row.tokenUpdatedAt > row.updatedAt ? row.tokenUpdatedAt : row.updatedAt;
  const failureKind = row.failureKind === "transient" || row.failureKind === "terminal" ? row.failureKind : null;
  return {
    id: row.id,
    name: row.name,
    vat_number: row.vatNumber,
    environment: row.environment,
    mobilepay_merchant_id: row.mobilePayId,
    products: row.products.split(" ").filter(Boolean),
    state: apiMerchantState(state),
    connection: {
      state,
      failure_kind: tokenSet ? failureKind : null,
      failure_reason: tokenSet ? row.failureReason : null,
      failure_at: tokenSet ? (row.failureAt?.toISOString() ?? null) : null,
    },
    scopes: (row.grantedScopes ?? "").split(" ").filter(Boolean),
    access_token_expires_at: row.accessTokenExpiresAt?.toISOString() ?? null,
    last_refreshed_at: row.lastRefreshedAt?.toISOString() ?? null,
    unlinked_at: row.unlinkedAt?.toISOString() ?? null,
    updated_at: updatedAt.toISOString(),
    console_url: `${consoleUrl}/merchants/${encodeURIComponent(row.id)}`,
  };
}

/**
 * The API's view of a merchant from its token set as the token service reads it (merchant joined), so an
 * endpoint that goes on to use the token needs one read for both: the same answer readApiMerchants gives.
 */
export function apiMerchantFromTokenSet(set: StoredTokenSet, consoleUrl: string, now: Date = new Date()): TApiMerchant {
  const { merchant } = set;
  const row: ApiMerchantRow = {
    id: set.merchantId,
    name: merchant.name,
    vatNumber: merchant.vatNumber,
    environment: merchant.environment,
    mobilePayId: merchant.mobilePayId,
    products: merchant.products,
    unlinkedAt: merchant.unlinkedAt,
    updatedAt: merchant.updatedAt,
    tokenUpdatedAt: set.updatedAt,
    accessTokenExpiresAt: set.accessTokenExpiresAt,
    grantedScopes: set.grantedScopes,
    leaseUntil: set.leaseUntil,
    failureKind: set.failureKind,
    failureReason: set.failureReason,
    failureAt: set.failureAt,
    refreshStartedAt: set.refreshStartedAt,
    lastRefreshedAt: set.lastRefreshedAt,
  };
  return toApiMerchant(row, consoleUrl.replace(/\/$/, ""), now);
}

/** Cursors are opaque to clients: the last id of a page, encoded so nobody builds one by hand. */
export function cursorAfter(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

export function idFromCursor(cursor: string): string {
  return Buffer.from(cursor, "base64url").toString("utf8");
}
