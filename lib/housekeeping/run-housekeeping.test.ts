import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type * as DroppedCounts from "@/lib/calls/dropped-callback-counts";
import type { runHousekeeping as RunHousekeeping } from "./run-housekeeping";

let db: Database;
let runHousekeeping: typeof RunHousekeeping;
let dropped: typeof DroppedCounts;

withConsoleDatabase(async (client) => {
  db = client;
  ({ runHousekeeping } = await import("./run-housekeeping"));
  dropped = await import("@/lib/calls/dropped-callback-counts");
});

const NOW = new Date("2031-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60_000);
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

async function storeCallbacks(count: number, verified: boolean, receivedAt: (index: number) => Date) {
  await db.receivedCallback.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      environment: "sandbox",
      kind: "payment",
      verified,
      verificationDetail: verified ? "Basic credentials registered by the console" : "No Authorization header",
      body: "{}",
      receivedAt: receivedAt(index),
    })),
  });
}

async function failedSignIn(action: string, occurredAt: Date) {
  await db.auditEvent.create({
    data: { actorType: "system", actorLabel: "sign-in", action, outcome: "failure", occurredAt, details: "{}" },
  });
}

describe(`housekeeping on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("deletes what anonymous senders wrote past its retention, keeps the rest, and reports it once", async () => {
    // Unverified callbacks: 5 past the 7-day retention, 1,010 recent (10 over the cap of 1,000); verified: old and kept.
    await storeCallbacks(5, false, () => daysAgo(8));
    await storeCallbacks(1_010, false, (index) => minutesAgo(index + 1));
    await storeCallbacks(3, true, () => daysAgo(400));
    // Throttle rows: a window long over, one over but still locked, one current.
    await db.loginThrottle.createMany({
      data: [
        { key: "address:203.0.113.1", failures: 3, windowStart: daysAgo(2), lockedUntil: null },
        { key: "account:locked@example.com", failures: 9, windowStart: daysAgo(2), lockedUntil: minutesAgo(-30) },
        { key: "account:recent@example.com", failures: 1, windowStart: minutesAgo(5), lockedUntil: null },
      ],
    });
    // Audit: failed sign-ins past 90 days go; recent ones and every other old event stay.
    await failedSignIn("staff.sign_in_failed", daysAgo(91));
    await failedSignIn("staff.sign_in_throttled", daysAgo(91));
    await failedSignIn("staff.sign_in_failed", daysAgo(89));
    await failedSignIn("staff.signed_in", daysAgo(400));
    // Webhooks: a message delivered 31 days ago (past the default 30) goes with its attempt and event.
    const endpoint = await db.webhookEndpoint.create({
      data: { url: "https://hooks.example.com", secretCiphertext: "sealed", createdById: "a", createdByLabel: "a" },
    });
    const event = await db.webhookEvent.create({
      data: {
        id: "msg_housekeeping",
        type: "merchant.linked",
        occurredAt: daysAgo(31),
        environment: "sandbox",
        fannedOutAt: daysAgo(31),
      },
    });
    const delivery = await db.webhookDelivery.create({
      data: {
        eventId: event.id,
        endpointId: endpoint.id,
        eventOccurredAt: event.occurredAt,
        status: "delivered",
        nextAttemptAt: daysAgo(31),
        deliveredAt: daysAgo(31),
      },
    });
    await db.webhookAttempt.create({
      data: { deliveryId: delivery.id, attemptedAt: daysAgo(31), outcome: "delivered", latencyMs: 4 },
    });
    dropped.takeDroppedCallbackCounts();
    dropped.countDroppedCallback("rateLimited");
    dropped.countDroppedCallback("rateLimited");
    dropped.countDroppedCallback("tooLarge");

    const report = await runHousekeeping(db, NOW);

    expect(report).toEqual({
      unverifiedCallbacks: { expired: 5, overCap: 10 },
      signInThrottleRows: 1,
      failedSignInEvents: 2,
      staffSessions: 0,
      passwordResets: 0,
      droppedCallbacks: { rateLimited: 2, tooLarge: 1 },
      webhooks: { deliveredMessages: 1, failedMessages: 0, strandedMessages: 0, attempts: 1, events: 1 },
    });
    expect(await db.receivedCallback.count({ where: { verified: false } })).toBe(1_000);
    const oldestKept = await db.receivedCallback.findFirstOrThrow({
      where: { verified: false },
      orderBy: { receivedAt: "asc" },
    });
    expect(oldestKept.receivedAt).toEqual(minutesAgo(1_000));
    expect(await db.receivedCallback.count({ where: { verified: true } })).toBe(3);
    expect((await db.loginThrottle.findMany({ orderBy: { key: "asc" } })).map((row) => row.key)).toEqual([
      "account:locked@example.com",
      "account:recent@example.com",
    ]);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "staff.sign" } } })).toBe(2);
    expect(await db.webhookEvent.count()).toBe(0);

    const reported = await db.auditEvent.findMany({ where: { action: "housekeeping.purged" } });
    expect(reported).toHaveLength(1);
    expect(JSON.parse(reported[0]!.details)).toEqual(report);

    // Nothing new: nothing deleted, no second event, and the dropped counts started again from zero.
    expect(await runHousekeeping(db, NOW)).toEqual({
      unverifiedCallbacks: { expired: 0, overCap: 0 },
      signInThrottleRows: 0,
      failedSignInEvents: 0,
      staffSessions: 0,
      passwordResets: 0,
      droppedCallbacks: { rateLimited: 0, tooLarge: 0 },
      webhooks: { deliveredMessages: 0, failedMessages: 0, strandedMessages: 0, attempts: 0, events: 0 },
    });
    expect(await db.auditEvent.count({ where: { action: "housekeeping.purged" } })).toBe(1);
  });

  it("deletes staff sessions ended or lapsed and reset links used or expired past their retention", async () => {
    const staff = await db.staffUser.create({
      data: { email: "kept-tidy@example.com", name: "Kai Tidy", role: "support", passwordHash: "x" },
    });
    const session = (id: string, lastSeenAt: Date, endedAt: Date | null) => ({
      id,
      staffId: staff.id,
      signInMethod: "password",
      userAgent: "Firefox on Linux",
      createdAt: lastSeenAt,
      lastSeenAt,
      endedAt,
    });
    await db.staffSession.createMany({
      data: [
        session("ended-long-ago", daysAgo(40), daysAgo(31)),
        session("ended-recently", daysAgo(40), daysAgo(29)),
        // Never signed out: lapsed 8 hours after it was last seen.
        session("lapsed-long-ago", daysAgo(31), null),
        session("lapsed-recently", daysAgo(29), null),
        session("live", minutesAgo(3), null),
      ],
    });
    const reset = (tokenHash: string, expiresAt: Date, usedAt: Date | null) => ({
      staffId: staff.id,
      tokenHash,
      createdByLabel: "admin@example.com",
      createdAt: new Date(expiresAt.getTime() - 30 * 60_000),
      expiresAt,
      usedAt,
    });
    await db.staffPasswordReset.createMany({
      data: [
        reset("used-long-ago", daysAgo(8), daysAgo(8)),
        reset("expired-long-ago", daysAgo(8), null),
        reset("used-recently", minutesAgo(-20), minutesAgo(5)),
        reset("expired-recently", daysAgo(6), null),
        reset("usable", minutesAgo(-25), null),
      ],
    });

    const report = await runHousekeeping(db, NOW);

    expect({ staffSessions: report.staffSessions, passwordResets: report.passwordResets }).toEqual({
      staffSessions: 2,
      passwordResets: 2,
    });
    const sessionsLeft = await db.staffSession.findMany({ where: { staffId: staff.id }, orderBy: { id: "asc" } });
    expect(sessionsLeft.map((row) => row.id)).toEqual(["ended-recently", "lapsed-recently", "live"]);
    const resetsLeft = await db.staffPasswordReset.findMany({ where: { staffId: staff.id } });
    expect(resetsLeft.map((row) => row.tokenHash).sort()).toEqual(["expired-recently", "usable", "used-recently"]);
    const reported = await db.auditEvent.findFirstOrThrow({
      where: { action: "housekeeping.purged" },
      orderBy: { occurredAt: "desc" },
    });
    expect(JSON.parse(reported.details)).toMatchObject({ staffSessions: 2, passwordResets: 2 });
  });
});
