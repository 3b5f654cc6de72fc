import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { boundValues } from "@/lib/db/bind-marker";
import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/create-client";
import { oneOfCondition } from "@/lib/db/one-of-condition";
import { merchantNames } from "@/lib/merchants/merchant-names";

export type TokenHandoutSummary = {
  merchantId: string;
  merchantName: string;
  environment: string;
  apiKeyId: string;
  apiKeyName: string | null;
  handouts: number;
  refreshed: number;
  lastAt: string;
};

export type TokenHandoutView = {
  handedOutAt: string;
  refreshed: boolean;
  apiKeyId: string;
  apiKeyName: string | null;
  apiKeyLastFour: string | null;
};

/** Aggregates arrive untyped from SQLite (a count as a number, a time as text or a number) and as bigint on PostgreSQL. */
function asDate(value: unknown): Date {
  return value instanceof Date
    ? value
    : new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
}

/** The first moment of the current month, UTC: "this month" on the console's pages. */
export function startOfMonth(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * Who got which merchant's token since a time, one row per merchant and key: how the console answers
 * "who got merchant X's token this month". Environments limit it as every staff read (null: all).
 */
export async function summarizeTokenHandouts(
  db: Database,
  options: { since: Date; environments: readonly string[] | null; merchantId?: string; limit?: number },
): Promise<TokenHandoutSummary[]> {
  const { values, bind } = boundValues();
  const conditions = [`h."handedOutAt" >= ${bind(options.since)}`];
  if (options.environments) conditions.push(oneOfCondition(`m."environment"`, options.environments, bind));
  if (options.merchantId) conditions.push(`h."merchantId" = ${bind(options.merchantId)}`);
  const rows = await db.$queryRawUnsafe<
    {
      merchantId: string;
      merchantName: string;
      environment: string;
      apiKeyId: string;
      apiKeyName: string | null;
      handouts: unknown;
      refreshed: unknown;
      lastAt: unknown;
    }[]
  >(
    `SELECT h."merchantId", m."name" AS "merchantName", m."environment", h."apiKeyId", k."name" AS "apiKeyName",
      COUNT(*) AS "handouts", SUM(CASE WHEN h."refreshed" THEN 1 ELSE 0 END) AS "refreshed",
      MAX(h."handedOutAt") AS "lastAt"
    FROM "TokenHandout" h
      JOIN "Merchant" m ON m."id" = h."merchantId"
      LEFT JOIN "ApiKey" k ON k."id" = h."apiKeyId"
    WHERE ${conditions.join(" AND ")}
    GROUP BY h."merchantId", m."name", m."environment", h."apiKeyId", k."name"
    ORDER BY MAX(h."handedOutAt") DESC
    LIMIT ${bind(options.limit ?? 100)}`,
    ...values,
  );
  return rows.map((row) => ({
    merchantId: row.merchantId,
    merchantName: row.merchantName,
    environment: row.environment,
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKeyName,
    handouts: Number(row.handouts),
    refreshed: Number(row.refreshed ?? 0),
    lastAt: asDate(row.lastAt).toISOString(),
  }));
}

/** The newest handouts of one merchant's tokens, with the key each went to. */
export async function listMerchantTokenHandouts(
  db: Database,
  merchantId: string,
  limit = 200,
): Promise<TokenHandoutView[]> {
  const { values, bind } = boundValues();
  const rows = await db.$queryRawUnsafe<
    {
      handedOutAt: Date;
      refreshed: boolean | number;
      apiKeyId: string;
      apiKeyName: string | null;
      lastFour: string | null;
    }[]
  >(
    `SELECT h."handedOutAt", h."refreshed", h."apiKeyId", k."name" AS "apiKeyName", k."lastFour"
    FROM "TokenHandout" h LEFT JOIN "ApiKey" k ON k."id" = h."apiKeyId"
    WHERE h."merchantId" = ${bind(merchantId)}
    ORDER BY h."handedOutAt" DESC, h."id" DESC
    LIMIT ${bind(limit)}`,
    ...values,
  );
  return rows.map((row) => ({
    handedOutAt: asDate(row.handedOutAt).toISOString(),
    refreshed: Boolean(row.refreshed),
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKeyName,
    apiKeyLastFour: row.lastFour,
  }));
}

/** This month's handouts of the merchants a staff member may see: the API keys page's summary. */
export function tokenHandoutsThisMonth(staff: Pick<CurrentStaff, "role">): Promise<TokenHandoutSummary[]> {
  return summarizeTokenHandouts(getDb(), { since: startOfMonth(), environments: visibleEnvironmentIds(staff) });
}

/**
 * One merchant's handouts for its page: this month per key, and the newest ones. Null when the merchant
 * does not exist for this staff member (demo staff see sandbox merchants only), so the page answers 404.
 */
export async function merchantTokenHandouts(staff: Pick<CurrentStaff, "role">, merchantId: string) {
  const environments = visibleEnvironmentIds(staff);
  const merchantName = (await merchantNames([merchantId], environments)).get(merchantId);
  if (merchantName === undefined) return null;
  const db = getDb();
  const [thisMonth, recent] = await Promise.all([
    summarizeTokenHandouts(db, { since: startOfMonth(), environments, merchantId }),
    listMerchantTokenHandouts(db, merchantId),
  ]);
  return { merchantName, thisMonth, recent };
}
