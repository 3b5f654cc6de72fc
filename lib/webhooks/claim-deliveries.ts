import "server-only";

import { boundValues } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";

/** Longer than a delivery's timeout plus its write: a lease outlives the attempt it covers. */
export const DELIVERY_LEASE_MS = 60_000;

/**
 * Claims up to `limit` deliveries that are due, for `owner`, in one statement; returns their ids. A
 * delivery is due when it is pending, its time has come, nobody holds its lease and its endpoint is
 * enabled — and, so that one merchant's events reach an endpoint in the order they happened, when no
 * earlier event of the same merchant is still pending for that endpoint. The lease condition is on the
 * updated row itself, so on PostgreSQL a second instance racing for the same row re-checks it after the
 * first commits and skips it: one deliverer per message.
 */
export async function claimDueDeliveries(
  db: Database,
  lease: { owner: string; now: Date; limit: number; leaseMs?: number },
): Promise<string[]> {
  const { values, bind } = boundValues();
  const until = new Date(lease.now.getTime() + (lease.leaseMs ?? DELIVERY_LEASE_MS));
  const setLease = `"leaseOwner" = ${bind(lease.owner)}, "leaseUntil" = ${bind(until)}`;
  // Literals, not bound values: SQLite refuses a bound LIMIT of the type the driver sends.
  const limit = Math.max(1, Math.floor(lease.limit));
  // Each value is bound where it is used, in text order: SQLite numbers nothing and takes them as they come.
  const leaseFree = `("leaseUntil" IS NULL OR "leaseUntil" < ${bind(lease.now)})`;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "WebhookDelivery" SET ${setLease}
    WHERE "status" = 'pending' AND ${leaseFree} AND "id" IN (
      SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" p ON p."id" = d."endpointId"
      WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ${bind(lease.now)} AND p."enabled" = TRUE
        AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${bind(lease.now)})
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" e
          WHERE e."endpointId" = d."endpointId" AND e."merchantId" = d."merchantId" AND e."status" = 'pending'
            AND (e."eventOccurredAt" < d."eventOccurredAt"
              OR (e."eventOccurredAt" = d."eventOccurredAt" AND e."eventId" < d."eventId")))
      ORDER BY d."nextAttemptAt", d."eventOccurredAt"
      LIMIT ${limit})
    RETURNING "id"`,
    ...values,
  );
  return rows.map((row) => row.id);
}

/** Gives back leases of deliveries claimed but not attempted (the instance is stopping). */
export async function releaseDeliveries(db: Database, owner: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.webhookDelivery.updateMany({
    where: { id: { in: [...ids] }, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: null },
  });
}
