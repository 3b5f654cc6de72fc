import { Gauge } from "prom-client";
import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { consoleMetricsRegistry } from "./console-metrics";
import type { addMetricSource } from "./metric-sources";
import type { metricsAccess } from "./metrics-access";

const TOKEN = "metrics-token-for-tests-0123456789abcdef";
process.env.METRICS_BEARER_TOKEN = TOKEN;

let db: Database;
let registry: typeof consoleMetricsRegistry;
let access: typeof metricsAccess;
let addSource: typeof addMetricSource;

withConsoleDatabase(async (client) => {
  db = client;
  ({ consoleMetricsRegistry: registry } = await import("./console-metrics"));
  ({ metricsAccess: access } = await import("./metrics-access"));
  ({ addMetricSource: addSource } = await import("./metric-sources"));
});

describe(`operator metrics on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("are readable only with the configured bearer token", () => {
    expect(access(`Bearer ${TOKEN}`)).toBe("allowed");
    expect(access(`Bearer ${TOKEN}x`)).toBe("refused");
    expect(access(null)).toBe("refused");
    expect(access(TOKEN)).toBe("refused");
  });

  it("report links by state, refreshes by outcome, the keep-alive and webhook deliveries", async () => {
    await storeMerchant(db, "Active ApS");
    await storeMerchant(db, "Degraded ApS", { tokenSet: { failureKind: "transient" } });
    await storeMerchant(db, "Relink ApS", { tokenSet: { failureKind: "terminal" } });
    await storeMerchant(db, "Gone ApS", { merchant: { unlinkedAt: new Date() }, tokenSet: null });
    await db.auditEvent.createMany({
      data: [
        { actorType: "system", actorLabel: "keep-alive", action: "token.refreshed" },
        { actorType: "system", actorLabel: "keep-alive", action: "token.refreshed" },
        {
          actorType: "system",
          actorLabel: "keep-alive",
          action: "token.refresh_failed",
          details: '{"class":"terminal"}',
        },
      ],
    });
    const finishedAt = new Date("2026-12-04T10:00:00Z");
    await db.schedulerRun.create({ data: { job: "keep-alive", instanceId: "i", finishedAt, backlog: 7 } });
    const endpoint = await db.webhookEndpoint.create({
      data: { url: "https://hooks.example.com", secretCiphertext: "x", createdById: "a", createdByLabel: "a" },
    });
    const event = await db.webhookEvent.create({
      data: { id: "msg_metrics", type: "merchant.linked", occurredAt: new Date(), environment: "sandbox" },
    });
    const delivery = await db.webhookDelivery.create({
      data: {
        eventId: event.id,
        endpointId: endpoint.id,
        eventOccurredAt: new Date(),
        nextAttemptAt: new Date(),
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    await db.webhookAttempt.createMany({
      data: [
        { deliveryId: delivery.id, attemptedAt: new Date(), outcome: "failed", latencyMs: 5 },
        { deliveryId: delivery.id, attemptedAt: new Date(), outcome: "failed", latencyMs: 5 },
      ],
    });
    addSource((target) => {
      target.registerMetric(
        new Gauge({
          name: "console_extension_probe",
          help: "A metric added by another part of the console",
          registers: [],
          collect() {
            this.set(1);
          },
        }),
      );
    });

    const text = await registry().metrics();
    expect(text).toContain('console_links{state="active"} 1');
    expect(text).toContain('console_links{state="degraded"} 1');
    expect(text).toContain('console_links{state="relink_needed"} 1');
    expect(text).toContain('console_links{state="revoked"} 1');
    expect(text).toContain('console_token_refreshes_total{outcome="refreshed",failure_kind=""} 2');
    expect(text).toContain('console_token_refreshes_total{outcome="failed",failure_kind="terminal"} 1');
    expect(text).toContain("console_keepalive_backlog 7");
    expect(text).toContain(`console_keepalive_last_run_timestamp_seconds ${finishedAt.getTime() / 1000}`);
    expect(text).toContain('console_webhook_attempts_total{outcome="failed"} 2');
    expect(text).toContain('console_webhook_deliveries{status="pending"} 1');
    const age = Number(/^console_webhook_queue_age_seconds (\S+)$/m.exec(text)![1]);
    expect(age).toBeGreaterThanOrEqual(119);
    expect(text).toContain("console_extension_probe 1");
    expect(text).not.toMatch(/merchant_id|msg_metrics/);
  });

  it("keep the attempts counter from falling when housekeeping deletes old attempts", async () => {
    const { purgeWebhookHistory } = await import("@/lib/webhooks/purge-webhook-history");
    const attemptsCounted = async () => {
      const text = await registry().metrics();
      return Object.fromEntries(
        [...text.matchAll(/^console_webhook_attempts_total\{outcome="(\w+)"\} (\d+)$/gm)].map((match) => [
          match[1],
          Number(match[2]),
        ]),
      );
    };
    const endpoint = await db.webhookEndpoint.create({
      data: { url: "https://hooks.example.com/old", secretCiphertext: "x", createdById: "a", createdByLabel: "a" },
    });
    const longAgo = new Date(Date.now() - 40 * 24 * 3600_000);
    const event = await db.webhookEvent.create({
      data: {
        id: "msg_purged",
        type: "merchant.linked",
        occurredAt: longAgo,
        environment: "sandbox",
        fannedOutAt: longAgo,
      },
    });
    const delivery = await db.webhookDelivery.create({
      data: {
        eventId: event.id,
        endpointId: endpoint.id,
        eventOccurredAt: longAgo,
        status: "delivered",
        nextAttemptAt: longAgo,
        deliveredAt: longAgo,
      },
    });
    await db.webhookAttempt.createMany({
      data: [
        { deliveryId: delivery.id, attemptedAt: longAgo, outcome: "failed", latencyMs: 5 },
        { deliveryId: delivery.id, attemptedAt: longAgo, outcome: "delivered", latencyMs: 5 },
      ],
    });
    const before = await attemptsCounted();

    const purged = await purgeWebhookHistory(db, new Date(), { deliveredDays: 30, failedDays: 90 });

    expect(purged.attempts).toBe(2);
    expect(await db.webhookAttempt.count({ where: { deliveryId: delivery.id } })).toBe(0);
    expect(await attemptsCounted()).toEqual(before);
  });
});
