import "server-only";

import { boundValues } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { fixedStatements } from "@/lib/db/fixed-statements";

export type LeaseCandidate = { merchantId: string; version: number };

/**
 * Takes the lease of every candidate that is still at the generation the caller saw and that nobody else
 * holds, in one statement; returns the merchants whose lease is now `owner`'s. The keep-alive sweep runs
 * this for every few merchants, so it is fixed SQL rather than a model query that Prisma 6 would compile
 * anew each time (one alternative per candidate). Identifiers are quoted and values bound, so it reads the
 * same on SQLite and PostgreSQL; on PostgreSQL it bypasses Prisma (see fixedStatements).
 */
export async function takeLeases(
  db: Database,
  candidates: readonly LeaseCandidate[],
  lease: { owner: string; now: Date; until: Date },
): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const { values, bind } = boundValues();
  const taken = `"leaseOwner" = ${bind(lease.owner)}, "leaseUntil" = ${bind(lease.until)},
    "refreshStartedAt" = ${bind(lease.now)}, "refreshFingerprintSent" = "refreshTokenFingerprint",
    "updatedAt" = ${bind(lease.now)}`;
  const leaseIsFree = `("leaseUntil" IS NULL OR "leaseUntil" < ${bind(lease.now)})`;
  const atSeenGeneration = candidates
    .map((candidate) => `("merchantId" = ${bind(candidate.merchantId)} AND "version" = ${bind(candidate.version)})`)
    .join(" OR ");
  const rows = await fixedStatements(db).$queryRawUnsafe<{ merchantId: string }[]>(
    `UPDATE "MerchantTokenSet"
    SET ${taken}
    WHERE ${leaseIsFree} AND (${atSeenGeneration})
    RETURNING "merchantId"`,
    ...values,
  );
  return new Set(rows.map((row) => row.merchantId));
}
