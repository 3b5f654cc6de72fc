import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

import type { Database } from "../lib/db/create-client";
import { scaled } from "../lib/testing/test-slowness";
import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/webhook-receiver";
import type { ThrowawayPostgres } from "../scripts/throwaway-postgres";

import { expect, test } from "./fixtures/console-test";
import { freePorts, startConsoleInstances, startSharedDatabase, stopProcesses } from "./support/console-instances";

/**
 * Two console instances on one PostgreSQL database, both running the webhook delivery worker against one
 * receiver: every message arrives once, one merchant's messages in the order they happened, and the work is
 * shared. The events are written straight into the outbox, as a link change writes them.
 */
const ADMIN = {
  email: "hooks-admin@example.com",
  name: "Hanne Hooks",
  role: "admin",
  password: "multi-instance-hooks-pass",
} as const;
const MERCHANTS = 6;
const EVENTS_PER_MERCHANT_PER_WAVE = 5;
const WAVES = 4;
const TOTAL = MERCHANTS * EVENTS_PER_MERCHANT_PER_WAVE * WAVES;
/** Every seventh message is refused at its first attempt (503), so retries happen while later ones wait. */
const REFUSE_FIRST_ATTEMPT_EVERY = 7;

let postgres: ThrowawayPostgres;
let db: Database;
let receiver: WebhookReceiver;
let consoleUrls: string[];
const processes: ChildProcess[] = [];

type Payload = { data: { merchant: { id: string }; sequence: number } };

/** Every verified request, successful or not, in arrival order, with the instance that held its lease. */
const requests: { id: string; merchantId: string; sequence: number; instance: string; answer: number }[] = [];

test.describe.configure({ mode: "serial" });

test.describe("[SCALE] [HOOKS] two console instances deliver one outbox", () => {
  test.skip(!existsSync(path.join(".next", "BUILD_ID")), "needs the production build the e2e suite makes");

  test.beforeAll(async () => {
    test.setTimeout(scaled(120_000));
    const ports = await freePorts(2);
    ({ postgres, db } = await startSharedDatabase(ADMIN));
    receiver = await startWebhookReceiver();
    const firstAttempts = new Set<string>();
    receiver.answer = async (message) => {
      const { merchant, sequence } = (message.body as Payload).data;
      // The lease is held until the answer is recorded, so it names the instance sending this request.
      const delivery = await db.webhookDelivery.findFirst({
        where: { eventId: message.id },
        select: { leaseOwner: true },
      });
      const refuse = sequence % REFUSE_FIRST_ATTEMPT_EVERY === 3 && !firstAttempts.has(message.id);
      firstAttempts.add(message.id);
      const answer = refuse ? 503 : 204;
      requests.push({
        id: message.id,
        merchantId: merchant.id,
        sequence,
        instance: delivery?.leaseOwner?.split(":")[0] ?? "none",
        answer,
      });
      return answer;
    };
    const consoles = await startConsoleInstances({
      ports,
      postgres,
      name: "hooks",
      processes,
      env: { STAFF_ADMIN_SECOND_FACTOR: "false", WEBHOOK_ALLOW_LOOPBACK: "true", WEBHOOK_POLL_MS: "200" },
    });
    consoleUrls = consoles.map((spawned) => spawned.url);
  });

  test.afterAll(async () => {
    await stopProcesses(processes);
    await receiver?.close();
    await db?.$disconnect();
    postgres?.stop();
  });

  test("[SCALE] [HOOKS]: every message arrives once, in order per merchant, and both instances deliver", async ({
    browser,
  }) => {
    test.setTimeout(scaled(180_000));
    const [firstUrl] = consoleUrls as [string];
    const context = await browser.newContext({ baseURL: firstUrl });
    const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signIn = await context.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" },
    });
    expect(signIn.ok()).toBe(true);
    const created = await context.request.post("/api/webhooks", {
      headers: { origin: firstUrl },
      data: { url: receiver.url, description: "Billing system" },
    });
    expect(created.status()).toBe(200);
    receiver.secrets.push(((await created.json()) as { secret: string }).secret);
    await context.close();

    // Waves of changes for several merchants, each written while the instances deliver the ones before.
    const written: { id: string; merchantId: string; sequence: number }[] = [];
    const start = Date.now();
    for (let wave = 0; wave < WAVES; wave += 1) {
      const rows = Array.from({ length: MERCHANTS * EVENTS_PER_MERCHANT_PER_WAVE }, (_, index) => {
        const merchant = index % MERCHANTS;
        const sequence = wave * EVENTS_PER_MERCHANT_PER_WAVE + Math.floor(index / MERCHANTS);
        return {
          id: `msg_multi${String(wave).padStart(2, "0")}${String(index).padStart(4, "0")}`,
          type: "merchant.state_changed",
          occurredAt: new Date(start + written.length + index),
          environment: "sandbox",
          merchantId: `merchant-${merchant}`,
          merchantVat: `DK5000000${merchant}`,
          merchantName: `Bølge ${merchant} ApS`,
          data: JSON.stringify({ from: "active", to: sequence % 2 ? "degraded" : "active", sequence }),
        };
      });
      await db.webhookEvent.createMany({ data: rows });
      written.push(
        ...rows.map((row) => ({
          id: row.id,
          merchantId: row.merchantId,
          sequence: JSON.parse(row.data).sequence as number,
        })),
      );
      await expect
        .poll(() => db.webhookEvent.count({ where: { fannedOutAt: null } }), { timeout: scaled(20_000) })
        .toBe(0);
    }

    // Each refused first attempt waits about 5 s for its retry; the merchants' queues run side by side.
    await expect
      .poll(() => db.webhookDelivery.count({ where: { status: "delivered" } }), {
        timeout: scaled(120_000),
        intervals: [250],
      })
      .toBe(TOTAL);

    const delivered = receiver.received.map((message) => message.id);
    expect(receiver.unverified).toBe(0);
    // Every message arrived, and none was answered 2xx twice (no retry was lost in this run, so none is legitimate).
    expect(new Set(delivered)).toEqual(new Set(written.map((event) => event.id)));
    expect(delivered).toHaveLength(TOTAL);
    expect(receiver.maxConcurrentPerId).toBe(1);
    expect(await db.webhookDelivery.count()).toBe(TOTAL);

    // Per merchant, each request is for the message after the last one answered 2xx, or that one again (a
    // retry): never one ahead of a message still waiting, never an earlier one after a later.
    for (let merchant = 0; merchant < MERCHANTS; merchant += 1) {
      const merchantId = `merchant-${merchant}`;
      const asked = requests.filter((request) => request.merchantId === merchantId);
      let next = 0;
      for (const request of asked) {
        expect(request.sequence, `${merchantId} asked for ${request.sequence} while ${next} was due`).toBe(next);
        if (request.answer === 204) next += 1;
      }
      expect(next).toBe(EVENTS_PER_MERCHANT_PER_WAVE * WAVES);
    }
    const retried = requests.filter((request) => request.answer === 503).length;
    expect(retried).toBeGreaterThan(0);
    expect(await db.webhookAttempt.count()).toBe(TOTAL + retried);

    // Both instances sent some of them (the lease names the sending process).
    const byInstance = new Map<string, number>();
    for (const request of requests) byInstance.set(request.instance, (byInstance.get(request.instance) ?? 0) + 1);
    expect(byInstance.has("none")).toBe(false);
    expect(byInstance.size).toBe(2);
    test.info().annotations.push({
      type: "deliveries by instance",
      description: [...byInstance.values()].join(" / "),
    });
  });
});
