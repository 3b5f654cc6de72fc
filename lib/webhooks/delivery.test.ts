import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import { DELIVERY_LEASE_MS } from "./claim-deliveries";
import type { createWebhookEndpoint } from "./create-webhook-endpoint";
import type * as Delivery from "./deliver-webhooks";
import type { recordWebhookEvents, WebhookEventInput } from "./record-webhook-events";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "./retry-schedule";
import type { rotateWebhookSecret } from "./rotate-webhook-secret";
import { startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver";

// Receivers in these tests listen on 127.0.0.1, which only this explicit setting allows.
process.env.WEBHOOK_ALLOW_LOOPBACK = "true";

let db: Database;
let createEndpoint: typeof createWebhookEndpoint;
let rotateSecret: typeof rotateWebhookSecret;
let record: typeof recordWebhookEvents;
let delivery: typeof Delivery;

withConsoleDatabase(async (client) => {
  db = client;
  ({ createWebhookEndpoint: createEndpoint } = await import("./create-webhook-endpoint"));
  ({ rotateWebhookSecret: rotateSecret } = await import("./rotate-webhook-secret"));
  ({ recordWebhookEvents: record } = await import("./record-webhook-events"));
  delivery = await import("./deliver-webhooks");
});

const admin: CurrentStaff = { id: "staff-admin", email: "admin@example.com", name: "Ada Admin", role: "admin" };
const policy = { allowLoopback: true };

/** A clock the test moves by hand: backoff over a day takes no real time. */
function manualClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => void (now += ms),
    set: (at: Date) => void (now = at.getTime()),
  };
}

/** Reproducible randomness (mulberry32), for jitter and for a receiver that fails at random. */
function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let receiver: WebhookReceiver;

beforeEach(async () => {
  // Each test sees only its own endpoint's deliveries.
  await db.webhookEndpoint.deleteMany();
  await db.webhookEvent.deleteMany();
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await receiver.close();
});

async function endpointFor(target: WebhookReceiver, input: { eventTypes?: WebhookEventInput["type"][] } = {}) {
  const { endpoint, secret } = await createEndpoint({
    staff: admin,
    input: { url: target.url, kind: "generic", description: "", eventTypes: input.eventTypes ?? [], environments: [] },
  });
  target.secrets.push(secret);
  return { endpoint, secret };
}

async function stateChanges(merchantIds: string[], perMerchant: number, at: Date) {
  const events: WebhookEventInput[] = [];
  for (let round = 0; round < perMerchant; round += 1) {
    for (const merchantId of merchantIds) {
      events.push({
        type: "merchant.state_changed",
        environment: "sandbox",
        merchant: { id: merchantId },
        data: { from: round % 2 ? "degraded" : "active", to: round % 2 ? "active" : "degraded", round },
      });
    }
  }
  // One transaction per round, a millisecond apart, so each merchant's events have a clear order.
  for (let round = 0; round < perMerchant; round += 1) {
    const slice = events.slice(round * merchantIds.length, (round + 1) * merchantIds.length);
    await db.$transaction(async (tx) => record(tx, slice, new Date(at.getTime() + round)));
  }
}

/**
 * Runs passes until nothing is pending. Whenever nothing is due, the clock moves to the next due time plus
 * `pollMs` (a worker polls; retries due within that window go out together).
 */
async function deliverAll(
  clock: ReturnType<typeof manualClock>,
  options: Partial<Delivery.DeliveryOptions> & { pollMs?: number } = {},
  onPass?: () => void,
) {
  for (let pass = 0; pass < 5_000; pass += 1) {
    onPass?.();
    const { pollMs = 0, ...passOptions } = options;
    const result = await delivery.runDeliveryPass(db, { now: clock.now, policy, batchSize: 100, ...passOptions });
    if (result.attempted > 0 || result.fannedOut > 0) continue;
    const pending = { status: "pending", endpoint: { enabled: true } } as const;
    if ((await db.webhookDelivery.count({ where: pending })) === 0) return pass;
    // Deliveries already due but waiting behind an earlier one of their merchant go when it has gone.
    const next = await db.webhookDelivery.findFirst({
      where: { ...pending, nextAttemptAt: { gt: clock.now() } },
      orderBy: { nextAttemptAt: "asc" },
    });
    clock.set(next ? new Date(next.nextAttemptAt.getTime() + pollMs) : new Date(clock.now().getTime() + 1_000));
  }
  throw new Error("deliveries did not finish");
}

describe(`webhook delivery on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("signs per Standard Webhooks, delivers once on 2xx and records the attempt", async () => {
    await endpointFor(receiver);
    const merchantId = await storeMerchant(db, "Annas Bageri ApS", { merchant: { vatNumber: "DK11111111" } });
    await stateChanges([merchantId], 1, new Date());
    receiver.answer = () => 200;
    await delivery.runDeliveryPass(db, { policy });

    expect(receiver.unverified).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const [message] = receiver.received;
    expect(message!.headers["webhook-timestamp"]).toMatch(/^\d+$/);
    expect(message!.signatures).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(message!.body).toMatchObject({
      id: message!.id,
      type: "merchant.state_changed",
      environment: "sandbox",
      data: {
        merchant: { id: merchantId, vatNumber: "DK11111111", name: "Annas Bageri ApS" },
        from: "active",
        to: "degraded",
      },
    });
    const [row] = await db.webhookDelivery.findMany({ include: { attemptLog: true } });
    expect(row).toMatchObject({ status: "delivered", attempts: 1, leaseOwner: null });
    expect(row!.attemptLog).toEqual([
      expect.objectContaining({ outcome: "delivered", statusCode: 200, responseBody: "answered 200", error: null }),
    ]);
    expect(row!.attemptLog[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    // Nothing is sent twice.
    await delivery.runDeliveryPass(db, { policy });
    expect(receiver.received).toHaveLength(1);
  });

  it("sends only the types and environments an endpoint asked for", async () => {
    await endpointFor(receiver, { eventTypes: ["merchant.unlinked"] });
    const merchantId = await storeMerchant(db, "Filtered ApS");
    await stateChanges([merchantId], 1, new Date());
    await db.$transaction(async (tx) =>
      record(tx, [{ type: "merchant.unlinked", environment: "sandbox", merchant: { id: merchantId } }], new Date()),
    );
    await delivery.runDeliveryPass(db, { policy });
    expect(receiver.received.map((message) => (message.body as { type: string }).type)).toEqual(["merchant.unlinked"]);
  });

  it("retries with backoff over about a day, then gives up; the schedule's waits have jitter", async () => {
    await endpointFor(receiver);
    const merchantId = await storeMerchant(db, "Down ApS");
    const clock = manualClock();
    await stateChanges([merchantId], 1, clock.now());
    receiver.answer = () => 503;
    const attemptTimes: number[] = [];
    await deliverAll(clock, { random: () => 0.99 }, () => attemptTimes.push(clock.now().getTime()));
    const [row] = await db.webhookDelivery.findMany({ include: { attemptLog: { orderBy: { attemptedAt: "asc" } } } });
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    const times = row!.attemptLog.map((attempt) => attempt.attemptedAt.getTime());
    const waits = times.slice(1).map((time, index) => time - times[index]!);
    // random() = 0.99 stretches each wait by almost +20 %.
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThan(RETRY_DELAYS_MS[index]! * 1.19);
      expect(wait).toBeLessThanOrEqual(Math.round(RETRY_DELAYS_MS[index]! * 1.2) + 1);
    });
    const hours = (times.at(-1)! - times[0]!) / 3600_000;
    expect(hours).toBeGreaterThan(24);
    expect(hours).toBeLessThan(36);
    expect(row!.attemptLog.every((attempt) => attempt.statusCode === 503 && attempt.outcome === "failed")).toBe(true);
  });

  it("a 410 disables the endpoint with the reason; an endpoint failing for days is disabled too", async () => {
    const { endpoint } = await endpointFor(receiver);
    const merchantId = await storeMerchant(db, "Gone ApS");
    await stateChanges([merchantId], 1, new Date());
    receiver.answer = () => 410;
    await delivery.runDeliveryPass(db, { policy });
    const gone = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(gone.enabled).toBe(false);
    expect(gone.disabledReason).toMatch(/410 Gone/);
    // Kept, not lost: enabled again, the message goes out.
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: true, disabledReason: null } });
    receiver.answer = () => 200;
    const clock = manualClock();
    await deliverAll(clock);
    expect(receiver.received).toHaveLength(1);

    const failing = await endpointFor(receiver);
    await db.webhookEndpoint.update({
      where: { id: failing.endpoint.id },
      data: { failingSince: new Date(Date.now() - delivery.DISABLE_FAILING_ENDPOINT_AFTER_MS - 60_000) },
    });
    await stateChanges([merchantId], 1, new Date());
    receiver.answer = () => 500;
    await delivery.runDeliveryPass(db, { policy });
    const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: failing.endpoint.id } });
    expect(disabled).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/No delivery has succeeded since .*answered 500/),
    });
  });

  it("delivers one merchant's events in the order they happened, even when the first needs retries", async () => {
    await endpointFor(receiver);
    const merchantId = await storeMerchant(db, "Ordered ApS");
    const clock = manualClock();
    await stateChanges([merchantId], 5, clock.now());
    let failuresLeft = 3;
    receiver.answer = () => (failuresLeft-- > 0 ? 500 : 200);
    await deliverAll(clock);
    const rounds = receiver.received.map((message) => (message.body as { data: { round: number } }).data.round);
    expect(rounds).toEqual([0, 1, 2, 3, 4]);
  });

  it("during a rotation's overlap both signatures are sent; after it, only the new secret signs", async () => {
    const { endpoint, secret: oldSecret } = await endpointFor(receiver);
    const merchantId = await storeMerchant(db, "Rotating ApS");
    const { secret: newSecret } = await rotateSecret({ staff: admin, endpointId: endpoint.id, overlapHours: 24 });
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    // A receiver that only knows one of the two secrets accepts the message either way.
    for (const only of [oldSecret, newSecret]) {
      receiver.secrets.splice(0, receiver.secrets.length, only);
      await stateChanges([merchantId], 1, new Date());
      await delivery.runDeliveryPass(db, { policy });
      expect(receiver.unverified).toBe(0);
      expect(receiver.received.at(-1)!.signatures.split(" ")).toHaveLength(2);
    }
    const dayLater = manualClock(new Date(Date.now() + 25 * 3600_000));
    receiver.secrets.splice(0, receiver.secrets.length, oldSecret);
    await stateChanges([merchantId], 1, new Date());
    await delivery.runDeliveryPass(db, { policy, now: dayLater.now });
    expect(receiver.unverified).toBe(1);
    const stored = await db.webhookEndpoint.findUniqueOrThrow({
      where: { id: endpoint.id },
      omit: { secretCiphertext: false, previousSecretCiphertext: false },
    });
    // At rest the secrets are keyring envelopes, never the secret itself.
    expect(stored.secretCiphertext).toMatch(/^v1\./);
    expect(stored.secretCiphertext).not.toContain(newSecret.slice(6, 20));
  });

  it("an endpoint whose secret no key opens fails its own deliveries, saying why, and stops no other", async () => {
    const { endpoint: broken } = await endpointFor(receiver);
    await endpointFor(receiver);
    // Sealed with a key since removed from TOKEN_ENCRYPTION_KEYS.
    await db.webhookEndpoint.update({
      where: { id: broken.id },
      data: { secretCiphertext: "v1.removed-key.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    });
    const merchantId = await storeMerchant(db, "Keyring ApS");
    await stateChanges([merchantId], 1, new Date());
    await delivery.runDeliveryPass(db, { policy });

    expect(receiver.received).toHaveLength(1);
    const [failed] = await db.webhookDelivery.findMany({
      where: { endpointId: broken.id },
      include: { attemptLog: true },
    });
    expect(failed).toMatchObject({ status: "pending", attempts: 1, leaseOwner: null });
    expect(failed!.attemptLog).toEqual([
      expect.objectContaining({
        outcome: "failed",
        statusCode: null,
        error: expect.stringMatching(/signing secret cannot be opened .*removed-key/),
      }),
    ]);
  });

  it("two deliverers working at once never send one message at the same time, and send each once", async () => {
    await endpointFor(receiver);
    const merchantIds = await Promise.all(
      Array.from({ length: 20 }, (_, index) => storeMerchant(db, `Twin ${index} ApS`)),
    );
    await stateChanges(merchantIds, 3, new Date());
    receiver.answer = () => new Promise((resolve) => setTimeout(() => resolve(200), 5));
    for (let round = 0; round < 20; round += 1) {
      const results = await Promise.all([
        delivery.runDeliveryPass(db, { policy, batchSize: 10 }),
        delivery.runDeliveryPass(db, { policy, batchSize: 10 }),
      ]);
      if (
        results.every((result) => result.attempted === 0) &&
        (await db.webhookDelivery.count({ where: { status: "pending" } })) === 0
      )
        break;
    }
    expect(receiver.received).toHaveLength(60);
    expect(receiver.distinctIds().size).toBe(60);
    expect(receiver.maxConcurrentPerId).toBe(1);
  });

  it("starts no delivery its lease would not cover to the end: behind a slow receiver the rest go back", async () => {
    await endpointFor(receiver);
    const merchantIds = await Promise.all(
      Array.from({ length: 3 }, (_, index) => storeMerchant(db, `Slow ${index} ApS`)),
    );
    await stateChanges(merchantIds, 1, new Date());
    const clock = manualClock();
    // Each answer takes three quarters of a lease: what is left of it cannot cover a second attempt.
    receiver.answer = () => {
      clock.advance(DELIVERY_LEASE_MS * 0.75);
      return 200;
    };
    const result = await delivery.runDeliveryPass(db, { policy, concurrency: 1, now: clock.now });
    expect(result).toMatchObject({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    // Given back at once, unsent, for whichever instance claims them next.
    const rest = await db.webhookDelivery.findMany({ where: { status: "pending" } });
    expect(rest).toHaveLength(2);
    expect(rest.every((row) => row.attempts === 0 && row.leaseOwner === null)).toBe(true);
    receiver.answer = () => 200;
    await delivery.runDeliveryPass(db, { policy, now: clock.now });
    expect(receiver.distinctIds().size).toBe(3);
  });

  it("a stopping worker finishes the delivery in flight and gives back what it had not started", async () => {
    await endpointFor(receiver);
    const merchantIds = await Promise.all(
      Array.from({ length: 5 }, (_, index) => storeMerchant(db, `Stop ${index} ApS`)),
    );
    await stateChanges(merchantIds, 1, new Date());
    let stopping = false;
    // The stop comes while the first delivery is at the receiver, before it has answered.
    receiver.answer = () => {
      stopping = true;
      return 200;
    };
    const result = await delivery.runDeliveryPass(db, { policy, concurrency: 1, stopping: () => stopping });
    expect(result).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await db.webhookDelivery.count({ where: { status: "delivered" } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { status: "pending", leaseOwner: null } })).toBe(4);
  });

  it("loses nothing: 1,000 changes, a receiver failing 30 % at random and down for a while, all delivered", async () => {
    await endpointFor(receiver);
    const merchantIds: string[] = [];
    for (let index = 0; index < 100; index += 1) merchantIds.push(await storeMerchant(db, `Load ${index} ApS`));
    const clock = manualClock();
    const start = clock.now().getTime();
    await stateChanges(merchantIds, 10, clock.now());
    const random = seededRandom(20261204);
    // Down (connections reset) from 10 s to 40 min into the run; otherwise 30 % of answers are 500.
    const down = () => clock.now().getTime() - start >= 10_000 && clock.now().getTime() - start < 40 * 60_000;
    let refusedWhileDown = 0;
    // The outage costs a message at most four attempts (10 s, 15 s, 5 min, 35 min in); with at most three
    // failures at random besides, every message stays inside the eight attempts of the schedule. Unbounded,
    // a message could fail seven times at random now and then: giving up is the schedule's own test above.
    const failedAtRandom = new Map<string, number>();
    const MAX_RANDOM_FAILURES = MAX_ATTEMPTS - 5;
    receiver.answer = (message) => {
      if (down()) {
        refusedWhileDown += 1;
        return "drop";
      }
      const failed = failedAtRandom.get(message.id) ?? 0;
      if (failed < MAX_RANDOM_FAILURES && random() < 0.3) {
        failedAtRandom.set(message.id, failed + 1);
        return 500;
      }
      return 200;
    };
    await deliverAll(clock, { random, concurrency: 8 });

    expect(await db.webhookDelivery.count({ where: { status: "delivered" } })).toBe(1_000);
    expect(receiver.unverified).toBe(0);
    expect(receiver.distinctIds().size).toBe(1_000);
    expect(refusedWhileDown).toBeGreaterThan(0);
    const failedAttempts = await db.webhookAttempt.count({ where: { outcome: "failed" } });
    expect(failedAttempts).toBeGreaterThan(300);
    // Per merchant, in order.
    for (const merchantId of merchantIds.slice(0, 10)) {
      const rounds = receiver.received
        .filter((message) => (message.body as { data: { merchant: { id: string } } }).data.merchant.id === merchantId)
        .map((message) => (message.body as { data: { round: number } }).data.round);
      expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
    }
  }, 300_000);
});
