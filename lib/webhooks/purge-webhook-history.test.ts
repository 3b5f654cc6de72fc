import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { announceExpiredConsentLinks } from "./announce-expired-consent-links";
import type { claimDueDeliveries } from "./claim-deliveries";
import type { purgeWebhookHistory } from "./purge-webhook-history";

/** Webhook housekeeping, on SQLite and on PostgreSQL. */
let db: Database;
let purge: typeof purgeWebhookHistory;
let claim: typeof claimDueDeliveries;
let announceExpired: typeof announceExpiredConsentLinks;

withConsoleDatabase(async (client) => {
  db = client;
  ({ purgeWebhookHistory: purge } = await import("./purge-webhook-history"));
  ({ claimDueDeliveries: claim } = await import("./claim-deliveries"));
  ({ announceExpiredConsentLinks: announceExpired } = await import("./announce-expired-consent-links"));
});

const NOW = new Date("2031-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600_000);
const RETENTION = { deliveredDays: 30, failedDays: 90 };

let counter = 0;

async function endpoint(disabledDaysAgo?: number) {
  counter += 1;
  return db.webhookEndpoint.create({
    data: {
      url: `https://hooks.example.com/${counter}`,
      secretCiphertext: "sealed",
      createdById: "staff-1",
      createdByLabel: "Ida Integrator",
      ...(disabledDaysAgo === undefined
        ? {}
        : { enabled: false, disabledAt: daysAgo(disabledDaysAgo), disabledReason: "Disabled by ida@example.com." }),
    },
  });
}

async function event(occurredDaysAgo: number, options: { merchantId?: string; dedupKey?: string } = {}) {
  counter += 1;
  return db.webhookEvent.create({
    data: {
      id: `msg_purge${String(counter).padStart(5, "0")}`,
      type: "merchant.state_changed",
      occurredAt: daysAgo(occurredDaysAgo),
      environment: "sandbox",
      merchantId: options.merchantId ?? null,
      dedupKey: options.dedupKey ?? null,
      fannedOutAt: daysAgo(occurredDaysAgo),
    },
  });
}

type MessageState =
  | { status: "delivered"; daysAgo: number }
  | { status: "failed"; daysAgo: number }
  | { status: "pending"; daysAgo?: number };

/** A message of `ofEvent` to `to`, with one failed attempt and, when delivered, the successful one. */
async function message(
  ofEvent: { id: string; occurredAt: Date; merchantId: string | null },
  to: { id: string },
  state: MessageState,
) {
  const last = daysAgo(state.daysAgo ?? 0);
  const delivery = await db.webhookDelivery.create({
    data: {
      eventId: ofEvent.id,
      endpointId: to.id,
      merchantId: ofEvent.merchantId,
      eventOccurredAt: ofEvent.occurredAt,
      status: state.status,
      attempts: state.status === "delivered" ? 2 : 1,
      nextAttemptAt: last,
      lastAttemptAt: last,
      deliveredAt: state.status === "delivered" ? last : null,
      createdAt: ofEvent.occurredAt,
    },
  });
  await db.webhookAttempt.create({
    data: { deliveryId: delivery.id, attemptedAt: last, outcome: "failed", statusCode: 503, latencyMs: 12 },
  });
  if (state.status === "delivered") {
    await db.webhookAttempt.create({
      data: { deliveryId: delivery.id, attemptedAt: last, outcome: "delivered", statusCode: 204, latencyMs: 9 },
    });
  }
  return delivery;
}

async function clear() {
  await db.webhookEndpoint.deleteMany();
  await db.webhookEvent.deleteMany();
  await db.webhookPurgedAttempts.deleteMany();
  await db.invitation.deleteMany();
}

const remainingIds = async () => (await db.webhookDelivery.findMany({ select: { id: true } })).map((row) => row.id);

describe(`webhook housekeeping on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("deletes delivered messages after the retention, failed or stranded ones later, and keeps what is still news", async () => {
    await clear();
    const enabled = await endpoint();
    const disabledLongAgo = await endpoint(100);
    const disabledLately = await endpoint(10);
    const oldDelivered = await message(await event(31), enabled, { status: "delivered", daysAgo: 31 });
    const recentDelivered = await message(await event(29), enabled, { status: "delivered", daysAgo: 29 });
    const oldFailed = await message(await event(95), enabled, { status: "failed", daysAgo: 91 });
    const failedForSupport = await message(await event(70), enabled, { status: "failed", daysAgo: 60 });
    // Retrying still, however old: a pending message of an enabled endpoint is never deleted.
    const stillRetrying = await message(await event(200), enabled, { status: "pending" });
    const shared = await event(40);
    const sharedDelivered = await message(shared, enabled, { status: "delivered", daysAgo: 31 });
    const waitingForReenable = await message(shared, disabledLately, { status: "pending" });
    const stranded = await message(await event(120), disabledLongAgo, { status: "pending" });
    // Sent to no endpoint at all, and one not fanned out yet.
    const unsent = await event(31);
    const notFannedOut = await db.webhookEvent.create({
      data: { id: "msg_purgewaiting", type: "merchant.linked", occurredAt: daysAgo(45), environment: "sandbox" },
    });

    const purged = await purge(db, NOW, RETENTION);

    expect(purged).toEqual({
      deliveredMessages: 2,
      failedMessages: 1,
      strandedMessages: 1,
      attempts: 2 + 2 + 1 + 1,
      events: 4,
    });
    expect((await remainingIds()).sort()).toEqual(
      [recentDelivered, failedForSupport, stillRetrying, waitingForReenable].map((row) => row.id).sort(),
    );
    for (const gone of [oldDelivered, oldFailed, sharedDelivered, stranded]) {
      expect(await db.webhookAttempt.count({ where: { deliveryId: gone.id } })).toBe(0);
    }
    expect(await db.webhookAttempt.count({ where: { deliveryId: recentDelivered.id } })).toBe(2);
    const events = (await db.webhookEvent.findMany({ select: { id: true } })).map((row) => row.id);
    expect(events).toContain(shared.id);
    expect(events).toContain(notFannedOut.id);
    expect(events).not.toContain(unsent.id);
    expect(events).toHaveLength(5);
    const tally = await db.webhookPurgedAttempts.findMany({ orderBy: { outcome: "asc" } });
    expect(tally.map((row) => [row.outcome, Number(row.count)])).toEqual([
      ["delivered", 2],
      ["failed", 4],
    ]);

    // A second run finds nothing; the tally stays.
    expect(await purge(db, NOW, RETENTION)).toEqual({
      deliveredMessages: 0,
      failedMessages: 0,
      strandedMessages: 0,
      attempts: 0,
      events: 0,
    });
    expect((await db.webhookPurgedAttempts.findMany()).reduce((sum, row) => sum + Number(row.count), 0)).toBe(6);
  });

  it("keeps a replayed message, which starts its retries again", async () => {
    await clear();
    const enabled = await endpoint();
    const failed = await message(await event(100), enabled, { status: "failed", daysAgo: 95 });
    await db.webhookDelivery.update({
      where: { id: failed.id },
      data: { status: "pending", attempts: 0, nextAttemptAt: NOW },
    });
    expect((await purge(db, NOW, RETENTION)).failedMessages).toBe(0);
    expect(await remainingIds()).toEqual([failed.id]);
  });

  it("deletes a large backlog a bounded batch at a time, over several runs", async () => {
    await clear();
    const enabled = await endpoint();
    for (let index = 0; index < 5; index += 1) {
      await message(await event(40), enabled, { status: "delivered", daysAgo: 35 });
    }
    const limits = { batchSize: 2, maxBatches: 2 };
    const first = await purge(db, NOW, RETENTION, limits);
    expect([first.deliveredMessages, first.events]).toEqual([4, 4]);
    expect(await db.webhookDelivery.count()).toBe(1);
    const second = await purge(db, NOW, RETENTION, limits);
    expect([second.deliveredMessages, second.events]).toEqual([1, 1]);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("lets one instance purge at a time: another skips while the job lease is held, and takes it once it lapses", async () => {
    await clear();
    const enabled = await endpoint();
    await message(await event(40), enabled, { status: "delivered", daysAgo: 35 });
    await db.jobLease.upsert({
      where: { job: "webhook-purge" },
      create: { job: "webhook-purge", owner: "other-instance", leaseUntil: new Date(NOW.getTime() + 60_000) },
      update: { owner: "other-instance", leaseUntil: new Date(NOW.getTime() + 60_000) },
    });
    expect((await purge(db, NOW, RETENTION)).deliveredMessages).toBe(0);
    expect(await db.webhookDelivery.count()).toBe(1);
    // The other instance died holding it: after the lease, this one purges and frees the lease afterwards.
    const later = new Date(NOW.getTime() + 120_000);
    expect((await purge(db, later, RETENTION)).deliveredMessages).toBe(1);
    expect(await db.jobLease.findUnique({ where: { job: "webhook-purge" } })).toMatchObject({
      owner: null,
      leaseUntil: null,
    });
  });

  it("leaves a merchant's order intact: the next message goes out once the earlier ones are purged", async () => {
    await clear();
    const enabled = await endpoint();
    const merchantId = "merchant-order";
    const first = await message(await event(40, { merchantId }), enabled, { status: "delivered", daysAgo: 35 });
    const second = await message(await event(3, { merchantId }), enabled, { status: "pending", daysAgo: 0 });
    const third = await message(await event(2, { merchantId }), enabled, { status: "pending", daysAgo: 0 });

    expect((await purge(db, NOW, RETENTION)).deliveredMessages).toBe(1);
    expect(await remainingIds()).not.toContain(first.id);

    const claimed = await claim(db, { owner: "order-test", now: NOW, limit: 10 });
    expect(claimed).toEqual([second.id]);
    expect(claimed).not.toContain(third.id);
  });

  it("keeps an announced expiry's dedup key as long as the expiry could be noticed again", async () => {
    await clear();
    const expiredAt = daysAgo(3);
    await db.invitation.create({
      data: {
        tokenHash: "purge-expiry",
        merchantName: "Udløbet ApS",
        vatNumber: "DK40000001",
        products: "invoice",
        environment: "sandbox",
        status: "created",
        expiresAt: expiredAt,
        createdById: "staff-1",
        createdByLabel: "Ida Integrator",
      },
    });
    expect(await announceExpired(db, new Date(expiredAt.getTime() + 60_000))).toBe(1);
    const announced = await db.webhookEvent.findFirstOrThrow({ where: { type: "consent_link.expired" } });
    await db.webhookEvent.update({ where: { id: announced.id }, data: { fannedOutAt: announced.occurredAt } });
    const plain = await event(3);

    // A retention shorter than the announcer's look-back deletes the plain event but not the keyed one.
    const short = { deliveredDays: 1, failedDays: 1 };
    expect((await purge(db, NOW, short)).events).toBe(1);
    expect(await db.webhookEvent.findUnique({ where: { id: plain.id } })).toBeNull();
    expect(await announceExpired(db, NOW)).toBe(0);
    expect(await db.webhookEvent.count({ where: { type: "consent_link.expired" } })).toBe(1);

    // Once the expiry is past the look-back, nobody announces it again and the key can go.
    const later = new Date(NOW.getTime() + 9 * 24 * 3600_000);
    expect(await announceExpired(db, later)).toBe(0);
    expect((await purge(db, later, short)).events).toBe(1);
    expect(await announceExpired(db, later)).toBe(0);
    expect(await db.webhookEvent.count()).toBe(0);
  });
});
