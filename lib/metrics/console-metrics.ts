import "server-only";

import { Counter, Gauge, Registry } from "prom-client";

import { getDb } from "@/lib/db/client";
import { registeredMetricSources } from "@/lib/metrics/metric-sources";

/**
 * Read from the database at each scrape, so every instance reports the same totals and a restart loses
 * nothing. Labels are small and bounded: never a merchant id.
 */
function registerLinkMetrics(registry: Registry): void {
  new Gauge({
    name: "console_links",
    help: "Linked merchants by connection state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const db = getDb();
      const [active, degraded, relinkNeeded, interrupted, revoked] = await Promise.all([
        db.merchantTokenSet.count({ where: { failureKind: null, refreshStartedAt: null } }),
        db.merchantTokenSet.count({ where: { failureKind: "transient" } }),
        db.merchantTokenSet.count({ where: { failureKind: "terminal" } }),
        db.merchantTokenSet.count({ where: { failureKind: null, refreshStartedAt: { not: null } } }),
        db.merchant.count({ where: { unlinkedAt: { not: null }, tokenSet: null } }),
      ]);
      this.reset();
      this.set({ state: "active" }, active);
      this.set({ state: "degraded" }, degraded);
      this.set({ state: "relink_needed" }, relinkNeeded);
      this.set({ state: "interrupted" }, interrupted);
      this.set({ state: "revoked" }, revoked);
    },
  });
  new Counter({
    name: "console_token_refreshes_total",
    help: "Token refreshes by outcome and failure kind (from the audit log)",
    labelNames: ["outcome", "failure_kind"],
    registers: [registry],
    async collect() {
      const db = getDb();
      const failed = (kind: string) =>
        db.auditEvent.count({ where: { action: "token.refresh_failed", details: { contains: `"class":"${kind}"` } } });
      const [refreshed, transient, terminal] = await Promise.all([
        db.auditEvent.count({ where: { action: "token.refreshed" } }),
        failed("transient"),
        failed("terminal"),
      ]);
      this.reset();
      this.inc({ outcome: "refreshed", failure_kind: "" }, refreshed);
      this.inc({ outcome: "failed", failure_kind: "transient" }, transient);
      this.inc({ outcome: "failed", failure_kind: "terminal" }, terminal);
    },
  });
}

function registerKeepAliveMetrics(registry: Registry): void {
  const lastRun = () =>
    getDb().schedulerRun.findFirst({
      where: { job: "keep-alive", finishedAt: { not: null } },
      orderBy: { startedAt: "desc" },
    });
  new Gauge({
    name: "console_keepalive_backlog",
    help: "Links still due for a keep-alive refresh after the last finished sweep",
    registers: [registry],
    async collect() {
      this.set((await lastRun())?.backlog ?? 0);
    },
  });
  new Gauge({
    name: "console_keepalive_last_run_timestamp_seconds",
    help: "When the last keep-alive sweep finished (0: never)",
    registers: [registry],
    async collect() {
      const run = await lastRun();
      this.set(run?.finishedAt ? run.finishedAt.getTime() / 1000 : 0);
    },
  });
}

function registerWebhookMetrics(registry: Registry): void {
  new Counter({
    name: "console_webhook_attempts_total",
    help: "Webhook delivery attempts by outcome (delivered, failed, gone, refused)",
    labelNames: ["outcome"],
    registers: [registry],
    async collect() {
      // Attempts housekeeping deleted are tallied: one statement reads both, so a purge committing in
      // between cannot count its attempts twice or not at all, and the counter never falls.
      const rows = await getDb().$queryRawUnsafe<{ outcome: string; total: unknown }[]>(
        `SELECT "outcome", SUM("count") AS "total" FROM (
          SELECT "outcome", COUNT(*) AS "count" FROM "WebhookAttempt" GROUP BY "outcome"
          UNION ALL SELECT "outcome", "count" FROM "WebhookPurgedAttempts"
        ) AS "counted" GROUP BY "outcome"`,
      );
      this.reset();
      for (const row of rows) this.inc({ outcome: row.outcome }, Number(row.total));
    },
  });
  new Gauge({
    name: "console_webhook_deliveries",
    help: "Webhook messages by status (pending, delivered, failed)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const rows = await getDb().webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } });
      this.reset();
      for (const status of ["pending", "delivered", "failed"]) this.set({ status }, 0);
      for (const row of rows) this.set({ status: row.status }, row._count._all);
    },
  });
  new Gauge({
    name: "console_webhook_queue_age_seconds",
    help: "Age of the oldest message still waiting for delivery (0: none waiting)",
    registers: [registry],
    async collect() {
      const oldest = await getDb().webhookDelivery.findFirst({
        where: { status: "pending", endpoint: { enabled: true } },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      this.set(oldest ? Math.max(0, (Date.now() - oldest.createdAt.getTime()) / 1000) : 0);
    },
  });
}

/** A registry with every metric of the console; made per scrape, as scrapes are rare and cheap. */
export function consoleMetricsRegistry(): Registry {
  const registry = new Registry();
  registerLinkMetrics(registry);
  registerKeepAliveMetrics(registry);
  registerWebhookMetrics(registry);
  for (const source of registeredMetricSources()) source(registry);
  return registry;
}
