import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ANNA, BO, MIKKO } from "../../sandbox/test/support/test-sandbox";

import type { getDb } from "@/lib/db/client";
import { scaled } from "@/lib/testing/test-slowness";

import type { runKeepAliveSweep, stopKeepAliveScheduler } from "./keep-alive";
import { startLifecycleHarness, type LifecycleHarness } from "./testing/lifecycle-harness";

const HOUR_MS = 3600_000;

let harness: LifecycleHarness;
let sweep: typeof runKeepAliveSweep;
let stopKeepAlive: typeof stopKeepAliveScheduler;
let db: ReturnType<typeof getDb>;
const merchants: { annaDk: string; annaFi: string; bo: string } = { annaDk: "", annaFi: "", bo: "" };

beforeAll(async () => {
  harness = await startLifecycleHarness();
  ({ runKeepAliveSweep: sweep, stopKeepAliveScheduler: stopKeepAlive } = await import("./keep-alive"));
  db = (await import("@/lib/db/client")).getDb();
  merchants.annaDk = await harness.linkMerchant({
    email: ANNA.email,
    password: ANNA.password,
    vat: ANNA.danishMerchant.vat,
  });
  merchants.annaFi = await harness.linkMerchant({
    email: ANNA.email,
    password: ANNA.password,
    vat: ANNA.finnishMerchant.vat,
  });
  merchants.bo = await harness.linkMerchant({ email: BO.email, password: BO.password, vat: BO.merchant.vat });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** Makes links look idle for two days, so a sweep with a one-day threshold finds them due. */
async function makeDue(merchantIds: string[]) {
  await db.merchantTokenSet.updateMany({
    where: { merchantId: { in: merchantIds } },
    data: { lastRefreshedAt: new Date(Date.now() - 48 * HOUR_MS) },
  });
}

const tokenSets = (merchantIds: string[]) =>
  db.merchantTokenSet.findMany({
    where: { merchantId: { in: merchantIds } },
    orderBy: { merchantId: "asc" },
    omit: { refreshTokenCiphertext: false },
  });

describe("keep-alive sweep", () => {
  it("refreshes every due link once, stores each new set and records it", async () => {
    const ids = [merchants.annaDk, merchants.annaFi, merchants.bo];
    await makeDue(ids);
    const before = await tokenSets(ids);
    const served = await harness.refreshesServed();
    const startedAt = new Date();

    const outcome = await sweep({ refreshAfterMs: 24 * HOUR_MS });

    expect(outcome).toMatchObject({ ran: true, processed: 3, succeeded: 3, failed: 0, backlog: 0 });
    expect(await harness.refreshesServed()).toBe(served + 3);
    const after = await tokenSets(ids);
    after.forEach((set, index) => {
      expect(set.version).toBe(before[index]!.version + 1);
      expect(set.refreshTokenCiphertext).not.toBe(before[index]!.refreshTokenCiphertext);
      expect(set.leaseOwner).toBeNull();
      expect(set.refreshStartedAt).toBeNull();
      expect(set.lastRefreshedAt!.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
    });
    const events = await db.auditEvent.findMany({
      where: { action: "token.refreshed", merchantId: { in: ids }, occurredAt: { gte: startedAt } },
    });
    expect(events.map((event) => event.merchantId).sort()).toEqual([...ids].sort());
    for (const event of events) {
      const details = JSON.parse(event.details) as { trigger: string; durationMs: number; tokenEndpointMs: number };
      expect(details.trigger).toBe("keep-alive");
      // MobilePay's share of the refresh is recorded apart from the whole.
      expect(details.tokenEndpointMs).toBeGreaterThan(0);
      expect(details.tokenEndpointMs).toBeLessThanOrEqual(details.durationMs);
    }
    // Each refresh was on record before it was sent: its attempt precedes its result.
    const attempts = await db.auditEvent.findMany({
      where: { action: "token.refresh_started", merchantId: { in: ids }, occurredAt: { gte: startedAt } },
    });
    expect(attempts.map((event) => event.merchantId).sort()).toEqual([...ids].sort());
    for (const attempt of attempts) {
      const result = events.find((event) => event.merchantId === attempt.merchantId)!;
      expect(attempt.occurredAt.getTime()).toBeLessThanOrEqual(result.occurredAt.getTime());
      const sent = before.find((set) => set.merchantId === attempt.merchantId)!;
      expect(JSON.parse(attempt.details)).toMatchObject({
        trigger: "keep-alive",
        generation: sent.version,
        refreshTokenFingerprint: sent.refreshTokenFingerprint,
      });
    }
    const linked = await db.merchant.findMany({ where: { id: { in: ids } } });
    expect(linked.every((merchant) => merchant.lastActivityAt >= startedAt)).toBe(true);
    const run = await db.schedulerRun.findFirstOrThrow({
      where: { job: "keep-alive" },
      orderBy: { startedAt: "desc" },
    });
    expect(run).toMatchObject({ processed: 3, succeeded: 3, failed: 0, backlog: 0 });
  });

  it("leaves links that are not due alone", async () => {
    const served = await harness.refreshesServed();
    const outcome = await sweep({ refreshAfterMs: 24 * HOUR_MS });
    expect(outcome).toMatchObject({ ran: true, processed: 0 });
    expect(await harness.refreshesServed()).toBe(served);
  });

  it("skips a link another refresher holds, and refreshes it once the lease has lapsed", async () => {
    await makeDue([merchants.annaDk]);
    await db.merchantTokenSet.update({
      where: { merchantId: merchants.annaDk },
      data: { leaseOwner: "another-instance", leaseUntil: new Date(Date.now() + 60_000) },
    });
    const served = await harness.refreshesServed();
    await sweep({ refreshAfterMs: 24 * HOUR_MS });
    expect(await harness.refreshesServed()).toBe(served);

    await db.merchantTokenSet.update({
      where: { merchantId: merchants.annaDk },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    });
    const outcome = await sweep({ refreshAfterMs: 24 * HOUR_MS });
    expect(outcome).toMatchObject({ succeeded: 1, failed: 0 });
    expect(await harness.refreshesServed()).toBe(served + 1);
  });

  it("a link whose consent was withdrawn fails on its own; the others in the sweep are stored", async () => {
    const ids = [merchants.annaDk, merchants.annaFi, merchants.bo];
    await makeDue(ids);
    const before = await tokenSets(ids);
    await harness.control.json("POST", "/control/grants/revoke", { merchantId: BO.merchant.id });

    const outcome = await sweep({ refreshAfterMs: 24 * HOUR_MS });

    expect(outcome).toMatchObject({ ran: true, processed: 3, succeeded: 2, failed: 1 });
    const after = await tokenSets(ids);
    for (const [index, set] of after.entries()) {
      if (set.merchantId === merchants.bo) {
        expect(set.failureKind).toBe("terminal");
        expect(set.version).toBe(before[index]!.version);
        expect(set.refreshTokenCiphertext).toBe(before[index]!.refreshTokenCiphertext);
        expect(set.leaseOwner).toBeNull();
      } else {
        expect(set.failureKind).toBeNull();
        expect(set.version).toBe(before[index]!.version + 1);
      }
    }
  });

  it("the sweep refuses a refresh answered with another merchant's tokens: terminal, nothing of it stored", async () => {
    const mikko = await harness.linkMerchant({ email: MIKKO.email, password: MIKKO.password, vat: MIKKO.merchant.vat });
    await makeDue([mikko]);
    const [before] = await tokenSets([mikko]);
    await harness.control.json("POST", "/control/refresh-answer-fault", { kind: "other-merchant-without-id-token" });

    const outcome = await sweep({ refreshAfterMs: 24 * HOUR_MS });

    expect(outcome).toMatchObject({ ran: true, processed: 1, succeeded: 0, failed: 1 });
    const [after] = await tokenSets([mikko]);
    expect(after!.failureKind).toBe("terminal");
    expect(after!.failureReason).toMatch(/tokens for another merchant than the linked FI87654321/);
    expect(after).toMatchObject({
      version: before!.version,
      refreshTokenCiphertext: before!.refreshTokenCiphertext,
      accessTokenClaims: before!.accessTokenClaims,
      leaseOwner: null,
    });
    expect(await db.auditEvent.count({ where: { merchantId: mikko, action: "token.refreshed" } })).toBe(0);
  });

  it("finds an interrupted refresh though the link is not idle, first in line, and finishes it", async () => {
    // A refresher died after claiming (its request never reached the OP): marker set, lease lapsed.
    await db.merchantTokenSet.update({
      where: { merchantId: merchants.annaFi },
      data: {
        lastRefreshedAt: new Date(),
        refreshStartedAt: new Date(Date.now() - 60_000),
        leaseOwner: "dead-instance",
        leaseUntil: new Date(Date.now() - 30_000),
      },
    });
    const [before] = await tokenSets([merchants.annaFi]);
    // Two idle links compete for a batch of one: the interrupted one goes first.
    await makeDue([merchants.annaDk]);

    const outcome = await sweep({ refreshAfterMs: 24 * HOUR_MS, batchSize: 1 });

    expect(outcome).toMatchObject({ ran: true, processed: 1, succeeded: 1, failed: 0 });
    const [after] = await tokenSets([merchants.annaFi]);
    expect(after).toMatchObject({ version: before!.version + 1, refreshStartedAt: null, leaseOwner: null });
    const attempt = await db.auditEvent.findFirstOrThrow({
      where: { action: "token.refresh_started", merchantId: merchants.annaFi },
      orderBy: { occurredAt: "desc" },
    });
    expect(JSON.parse(attempt.details)).toHaveProperty("interruptedAttemptAt");
    // The idle link left behind by the batch of one is refreshed now, so later tests start from no backlog.
    expect(await sweep({ refreshAfterMs: 24 * HOUR_MS })).toMatchObject({ processed: 1, succeeded: 1 });
  });

  it("one sweep per process: a second one does not run and leaves the first one's job lease alone", async () => {
    await makeDue([merchants.annaDk]);
    await harness.control.json("PUT", "/control/latency", { milliseconds: 1500, target: "token" });
    try {
      const first = sweep({ refreshAfterMs: 24 * HOUR_MS });
      await expect
        .poll(async () => (await db.jobLease.findUnique({ where: { job: "keep-alive" } }))?.owner ?? null, {
          timeout: scaled(10_000),
          interval: 50,
        })
        .not.toBeNull();
      const held = await db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } });
      expect(await sweep({ refreshAfterMs: 24 * HOUR_MS })).toEqual({ ran: false });
      expect(await db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } })).toEqual(held);
      expect(await first).toMatchObject({ ran: true, succeeded: 1 });
      expect(await db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } })).toMatchObject({
        owner: null,
        leaseUntil: null,
      });
    } finally {
      await harness.control.json("PUT", "/control/latency", { milliseconds: 0, target: "token" });
    }
  });

  it("a job lease held by another live instance is left alone; a lapsed one is taken", async () => {
    const othersLease = { owner: "other-instance:1:abc", leaseUntil: new Date(Date.now() + 60_000) };
    await db.jobLease.update({ where: { job: "keep-alive" }, data: othersLease });
    expect(await sweep({ refreshAfterMs: 24 * HOUR_MS })).toEqual({ ran: false });
    expect(await db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } })).toMatchObject(othersLease);

    await db.jobLease.update({ where: { job: "keep-alive" }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    expect(await sweep({ refreshAfterMs: 24 * HOUR_MS })).toMatchObject({ ran: true });
    expect(await db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } })).toMatchObject({ owner: null });
  });

  it("renews its job lease while it runs, past the lease's own lifetime", async () => {
    await makeDue([merchants.annaDk]);
    await harness.control.json("PUT", "/control/latency", { milliseconds: 2500, target: "token" });
    try {
      const running = sweep({ refreshAfterMs: 24 * HOUR_MS, jobLease: { leaseMs: 1000, heartbeatMs: 200 } });
      const readLease = () => db.jobLease.findUniqueOrThrow({ where: { job: "keep-alive" } });
      await expect
        .poll(async () => (await readLease()).owner, { timeout: scaled(10_000), interval: 50 })
        .not.toBeNull();
      const first = await readLease();
      // Past the first lease's end, the same sweep still holds a lease that has not lapsed.
      await expect
        .poll(() => Date.now() > first.leaseUntil!.getTime() + 500, { timeout: scaled(10_000), interval: 100 })
        .toBe(true);
      const later = await readLease();
      expect(later.owner).toBe(first.owner);
      expect(later.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
      expect(await running).toMatchObject({ ran: true, succeeded: 1 });
    } finally {
      await harness.control.json("PUT", "/control/latency", { milliseconds: 0, target: "token" });
    }
  });

  // Last: a stopped scheduler starts no more merchants in this process.
  it("stopping during a sweep stores what was sent and leaves nothing leased", async () => {
    const ids = [merchants.annaDk, merchants.annaFi];
    await makeDue(ids);
    const before = await tokenSets(ids);
    // MobilePay answers slowly, so that the sweep is still waiting on a refresh when it is stopped.
    await harness.control.json("PUT", "/control/latency", { milliseconds: 500, target: "token" });
    try {
      const running = sweep({ refreshAfterMs: 24 * HOUR_MS });
      await expect
        .poll(async () => (await tokenSets(ids)).some((set) => set.leaseOwner !== null), {
          timeout: scaled(10_000),
          interval: 20,
        })
        .toBe(true);
      await stopKeepAlive();
      const outcome = await running;

      expect(outcome.ran).toBe(true);
      const after = await tokenSets(ids);
      after.forEach((set, index) => {
        expect(set.leaseOwner).toBeNull();
        expect(set.refreshStartedAt).toBeNull();
        // Either refreshed and stored, or untouched: never sent and lost.
        if (set.version === before[index]!.version) {
          expect(set.refreshTokenCiphertext).toBe(before[index]!.refreshTokenCiphertext);
        } else {
          expect(set.version).toBe(before[index]!.version + 1);
          expect(set.failureKind).toBeNull();
        }
      });
    } finally {
      await harness.control.json("PUT", "/control/latency", { milliseconds: 0, target: "token" });
    }
  });
});
