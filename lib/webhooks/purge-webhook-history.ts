import "server-only";

import { randomUUID } from "node:crypto";

import type { Prisma } from "@prisma/client";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { getEnv } from "@/lib/env";
import { EXPIRY_LOOKBACK_MS } from "@/lib/webhooks/announce-expired-consent-links";

const DAY_MS = 24 * 60 * 60_000;

/** Days after which a message is deleted: delivered ones, and failed or stranded ones (kept longer). */
export type WebhookRetention = { deliveredDays: number; failedDays: number };

/**
 * How much one run deletes at most: rows per transaction, and transactions per kind of row. A backlog larger
 * than that (the first run after an upgrade) shrinks over several runs instead of holding locks for minutes.
 */
export type PurgeLimits = { batchSize: number; maxBatches: number };

export const WEBHOOK_PURGE_LIMITS: PurgeLimits = { batchSize: 500, maxBatches: 20 };

export type PurgedWebhookHistory = {
  /** Delivered, past WEBHOOK_RETENTION_DAYS since delivery. */
  deliveredMessages: number;
  /** Retries ran out, past WEBHOOK_FAILED_RETENTION_DAYS since the last attempt and not replayed since. */
  failedMessages: number;
  /** Still waiting for an endpoint that has been disabled for longer than WEBHOOK_FAILED_RETENTION_DAYS. */
  strandedMessages: number;
  /** The attempts of all those messages. */
  attempts: number;
  /** Events no message refers to any more, past WEBHOOK_RETENTION_DAYS since they happened. */
  events: number;
};

type MessageKind = "deliveredMessages" | "failedMessages" | "strandedMessages";

export function configuredWebhookRetention(): WebhookRetention {
  const env = getEnv();
  return { deliveredDays: env.WEBHOOK_RETENTION_DAYS, failedDays: env.WEBHOOK_FAILED_RETENTION_DAYS };
}

const PURGE_JOB = "webhook-purge";
/** Far longer than a run's bounded batches take; a run that died with the lease held is retried after it. */
const PURGE_LEASE_MS = 10 * 60_000;

/**
 * Deletes webhook messages nobody needs any more, with their attempts, then the events left without a
 * message. Pending messages of enabled endpoints are never touched, and deleting delivered or failed ones
 * cannot reorder anything: a merchant's next message waits only for earlier *pending* ones. The attempts
 * deleted are added to a tally by outcome in the same transaction, so the attempts counter of the metrics
 * never falls. Instances start housekeeping at about the same time after a deployment: one purges under a
 * job lease and the others skip this run, instead of deleting the same rows in each other's way.
 */
export async function purgeWebhookHistory(
  db: Database,
  now: Date,
  retention: WebhookRetention = configuredWebhookRetention(),
  limits: PurgeLimits = WEBHOOK_PURGE_LIMITS,
): Promise<PurgedWebhookHistory> {
  const purged: PurgedWebhookHistory = {
    deliveredMessages: 0,
    failedMessages: 0,
    strandedMessages: 0,
    attempts: 0,
    events: 0,
  };
  const owner = randomUUID();
  if (!(await claimPurgeJob(db, owner, now))) return purged;
  try {
    await purgeUnderLease(db, now, retention, limits, purged);
  } finally {
    await db.jobLease.updateMany({ where: { job: PURGE_JOB, owner }, data: { owner: null, leaseUntil: null } });
  }
  return purged;
}

async function claimPurgeJob(db: Database, owner: string, now: Date): Promise<boolean> {
  await db.$executeRawUnsafe(
    `INSERT INTO "JobLease" ("job") VALUES (${bindMarker(1)}) ON CONFLICT ("job") DO NOTHING`,
    PURGE_JOB,
  );
  const claimed = await db.jobLease.updateMany({
    where: { job: PURGE_JOB, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { owner, leaseUntil: new Date(now.getTime() + PURGE_LEASE_MS) },
  });
  return claimed.count === 1;
}

async function purgeUnderLease(
  db: Database,
  now: Date,
  retention: WebhookRetention,
  limits: PurgeLimits,
  purged: PurgedWebhookHistory,
): Promise<void> {
  const deliveredBefore = new Date(now.getTime() - retention.deliveredDays * DAY_MS);
  const failedBefore = new Date(now.getTime() - retention.failedDays * DAY_MS);
  const kinds: [MessageKind, Prisma.WebhookDeliveryWhereInput][] = [
    ["deliveredMessages", { status: "delivered", deliveredAt: { lt: deliveredBefore } }],
    // A replayed message is pending again and starts over: it is not "failed" until its retries run out anew.
    ["failedMessages", { status: "failed", lastAttemptAt: { lt: failedBefore } }],
    // Enabling the endpoint again would send them; after this long they are history, not news.
    ["strandedMessages", { status: "pending", endpoint: { enabled: false, disabledAt: { lt: failedBefore } } }],
  ];
  for (const [kind, where] of kinds) {
    for (let batch = 0; batch < limits.maxBatches; batch += 1) {
      const deleted = await deleteMessages(db, where, limits.batchSize);
      purged[kind] += deleted.messages;
      purged.attempts += deleted.attempts;
      if (deleted.chosen < limits.batchSize) break;
    }
  }
  for (let batch = 0; batch < limits.maxBatches; batch += 1) {
    const deleted = await deleteUnreferencedEvents(db, now, deliveredBefore, limits.batchSize);
    purged.events += deleted.deleted;
    if (deleted.chosen < limits.batchSize) break;
  }
}

/** One batch of messages matching `where`, with their attempts, in one transaction. */
async function deleteMessages(db: Database, where: Prisma.WebhookDeliveryWhereInput, batchSize: number) {
  const chosen = await db.webhookDelivery.findMany({ where, select: { id: true }, take: batchSize });
  if (chosen.length === 0) return { chosen: 0, messages: 0, attempts: 0 };
  return db.$transaction(async (tx) => {
    // Read again inside the transaction: one replayed meanwhile is pending now and keeps its history.
    const ids = (
      await tx.webhookDelivery.findMany({
        where: { AND: [where, { id: { in: chosen.map((row) => row.id) } }] },
        select: { id: true },
      })
    ).map((row) => row.id);
    if (ids.length === 0) return { chosen: chosen.length, messages: 0, attempts: 0 };
    const markers = ids.map((_, index) => bindMarker(index + 1)).join(", ");
    // RETURNING lists only rows this statement deleted: an instance purging the same rows at the same time
    // waits for this one and then finds nothing, so no attempt is tallied twice.
    const attempts = await tx.$queryRawUnsafe<{ outcome: string }[]>(
      `DELETE FROM "WebhookAttempt" WHERE "deliveryId" IN (${markers}) RETURNING "outcome"`,
      ...ids,
    );
    const messages = await tx.webhookDelivery.deleteMany({ where: { id: { in: ids } } });
    await tallyPurgedAttempts(tx, attempts);
    return { chosen: chosen.length, messages: messages.count, attempts: attempts.length };
  });
}

async function tallyPurgedAttempts(tx: Prisma.TransactionClient, attempts: readonly { outcome: string }[]) {
  const byOutcome = new Map<string, number>();
  for (const { outcome } of attempts) byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  for (const [outcome, count] of byOutcome) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "WebhookPurgedAttempts" ("outcome", "count") VALUES (${bindMarker(1)}, ${bindMarker(2)})
      ON CONFLICT ("outcome") DO UPDATE SET "count" = "WebhookPurgedAttempts"."count" + excluded."count"`,
      outcome,
      count,
    );
  }
}

/**
 * Events that have no message left and are past the retention. One that carries a dedup key (a consent
 * link's expiry) stays at least as long as an instance could still notice the same expiry: deleting its
 * key earlier would announce the expiry a second time, under a new id.
 */
async function deleteUnreferencedEvents(db: Database, now: Date, before: Date, batchSize: number) {
  const dedupKeyNeededSince = new Date(now.getTime() - EXPIRY_LOOKBACK_MS - DAY_MS);
  const where: Prisma.WebhookEventWhereInput = {
    occurredAt: { lt: before },
    // Not yet fanned out: no endpoint has seen it yet.
    fannedOutAt: { not: null },
    OR: [{ dedupKey: null }, { occurredAt: { lt: dedupKeyNeededSince } }],
    deliveries: { none: {} },
  };
  const chosen = await db.webhookEvent.findMany({ where, select: { id: true }, take: batchSize });
  if (chosen.length === 0) return { chosen: 0, deleted: 0 };
  const deleted = await db.webhookEvent.deleteMany({
    where: { AND: [where, { id: { in: chosen.map((row) => row.id) } }] },
  });
  return { chosen: chosen.length, deleted: deleted.count };
}
