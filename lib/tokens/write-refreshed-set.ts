import "server-only";

import { boundValues } from "@/lib/db/bind-marker";
import { configuredDatabaseIsPostgres } from "@/lib/db/database-url";
import type { RawStatements } from "@/lib/db/fixed-statements";
import { quotedName, type SqlStatement } from "@/lib/db/row-statements";
import { CLEAN_LIFECYCLE } from "@/lib/tokens/clean-lifecycle";

/** What a refresh MobilePay answered puts in the token set; its failure state, lease and marker are cleared. */
export type RefreshedColumns = {
  accessTokenCiphertext: string;
  refreshTokenCiphertext: string;
  idTokenCiphertext: string | null;
  keyId: string;
  refreshTokenFingerprint: string;
  version: number;
  accessTokenExpiresAt: Date;
  accessTokenIssuedAt: Date;
  grantedScopes: string;
  accessTokenClaims: string;
  /** Null keeps the stored claims (the answer carried no id_token). */
  idTokenClaims: string | null;
  previousRefreshTokenFingerprint: string;
  rotationMode: string;
  /** Null keeps the stored time (the refresh token did not rotate). */
  lastRotationAt: Date | null;
  lastRefreshedAt: Date;
};

/** Only the lease holder writes, and only over the generation it refreshed. */
export type RefreshedSetGuard = { merchantId: string; version: number; leaseOwner: string };

/** One refreshed set to store, and the guard it is stored under. */
export type RefreshedSetWrite = { guard: RefreshedSetGuard; columns: RefreshedColumns };

/** The values each row of the grouped update carries, and the PostgreSQL type each is read as. */
const ROW_VALUES = [
  ["forMerchant", "text"],
  ["atVersion", "integer"],
  ["heldBy", "text"],
  ["accessTokenCiphertext", "text"],
  ["refreshTokenCiphertext", "text"],
  ["idTokenCiphertext", "text"],
  ["keyId", "text"],
  ["refreshTokenFingerprint", "text"],
  ["version", "integer"],
  ["accessTokenExpiresAt", "timestamp(3)"],
  ["accessTokenIssuedAt", "timestamp(3)"],
  ["grantedScopes", "text"],
  ["accessTokenClaims", "text"],
  ["idTokenClaims", "text"],
  ["previousRefreshTokenFingerprint", "text"],
  ["rotationMode", "text"],
  ["lastRotationAt", "timestamp(3)"],
  ["lastRefreshedAt", "timestamp(3)"],
] as const;

type RowValueName = (typeof ROW_VALUES)[number][0];

/** Columns replaced with the row's value as they are. */
const REPLACED: RowValueName[] = [
  "accessTokenCiphertext",
  "refreshTokenCiphertext",
  "idTokenCiphertext",
  "keyId",
  "refreshTokenFingerprint",
  "version",
  "accessTokenExpiresAt",
  "accessTokenIssuedAt",
  "grantedScopes",
  "accessTokenClaims",
  "previousRefreshTokenFingerprint",
  "rotationMode",
  "lastRefreshedAt",
];

/**
 * Writes a group of refreshed sets in one statement and returns, per set, whether it was written: a set
 * whose guard no longer matches (the lease lapsed and someone else stored a newer generation) is left as
 * it is. This is the one write every refresh makes, so it is fixed SQL: Prisma 6 compiles each model
 * query anew, about 4 ms of CPU for one set's 26-column update against 1.4 ms as SQL, and a keep-alive
 * group is one statement rather than one per set. The rows travel as a VALUES list; PostgreSQL is told
 * each value's type, SQLite takes them as bound. Identifiers are quoted and values bound.
 */
export async function writeRefreshedSets(tx: RawStatements, writes: readonly RefreshedSetWrite[]): Promise<boolean[]> {
  if (writes.length === 0) return [];
  const postgres = configuredDatabaseIsPostgres();
  const { values, bind: bindUntyped } = boundValues();
  const bind = (value: unknown, type: string) => {
    const marker = bindUntyped(value);
    return postgres ? `CAST(${marker} AS ${type})` : marker;
  };
  const rows = writes.map(({ guard, columns }) => {
    const row: Record<RowValueName, unknown> = {
      forMerchant: guard.merchantId,
      atVersion: guard.version,
      heldBy: guard.leaseOwner,
      ...columns,
    };
    return `(${ROW_VALUES.map(([name, type]) => bind(row[name], type)).join(", ")})`;
  });
  const updatedAt = bind(new Date(), "timestamp(3)");
  const assignments = [
    ...REPLACED.map((column) => `${quotedName(column)} = v.${quotedName(column)}`),
    `"idTokenClaims" = COALESCE(v."idTokenClaims", "MerchantTokenSet"."idTokenClaims")`,
    `"lastRotationAt" = COALESCE(v."lastRotationAt", "MerchantTokenSet"."lastRotationAt")`,
    `"refreshCount" = "MerchantTokenSet"."refreshCount" + 1`,
    ...Object.entries(CLEAN_LIFECYCLE).map(([column, value]) => `${quotedName(column)} = ${value ?? "NULL"}`),
    `"updatedAt" = ${updatedAt}`,
  ];
  const written = await tx.$queryRawUnsafe<{ merchantId: string }[]>(
    `WITH v (${ROW_VALUES.map(([name]) => quotedName(name)).join(", ")}) AS (VALUES ${rows.join(", ")})
    UPDATE "MerchantTokenSet" SET ${assignments.join(", ")}
    FROM v
    WHERE "MerchantTokenSet"."merchantId" = v."forMerchant" AND "MerchantTokenSet"."version" = v."atVersion"
      AND "MerchantTokenSet"."leaseOwner" = v."heldBy"
    RETURNING "MerchantTokenSet"."merchantId"`,
    ...values,
  );
  const writtenIds = new Set(written.map((row) => row.merchantId));
  return writes.map(({ guard }) => writtenIds.has(guard.merchantId));
}

/** The fixed statement that marks merchants as active at `at` (their last activity, the list's order). */
export function merchantActivityStatement(merchantIds: readonly string[], at: Date): SqlStatement {
  const { values, bind } = boundValues();
  const assignments = `"lastActivityAt" = ${bind(at)}, "updatedAt" = ${bind(at)}`;
  const markers = merchantIds.map((merchantId) => bind(merchantId)).join(", ");
  return { text: `UPDATE "Merchant" SET ${assignments} WHERE "id" IN (${markers})`, values };
}

/** Marks the merchants of a group of stored refreshes as active now, in one fixed statement. */
export async function recordMerchantActivity(
  tx: RawStatements,
  merchantIds: readonly string[],
  at: Date,
): Promise<void> {
  if (merchantIds.length === 0) return;
  const statement = merchantActivityStatement(merchantIds, at);
  await tx.$executeRawUnsafe(statement.text, ...statement.values);
}
