/**
 * One database's keep-alive run (started by keep-alive.ts): `count` linked merchants, each with its own
 * sandbox grant, all due. The floor is the sandbox OP refreshing as many grants of its own, driven
 * directly with the sweep's concurrency; then runKeepAliveSweep refreshes the merchants, and the sandbox
 * counts what it served.
 */
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { requireEnvironment } from "@/lib/mobilepay/environments";
import { refreshTokens } from "@/lib/mobilepay/oidc/token-endpoint-client";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";
import { runKeepAliveSweep } from "@/lib/tokens/keep-alive";

import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/throwaway-postgres";
import { parseBenchOptions } from "../support/args";
import { writeBenchResult, type BenchResult, type GoalRow } from "../support/bench-result";
import { forEachConcurrently } from "../support/bounded-pool";
import { createSqliteDatabase, migrateDatabase, type BenchDatabase } from "../support/console-database";
import { applyConsoleEnv, consoleEnv } from "../support/console-env";
import { refreshesServed } from "../support/control-state";
import { startMemorySampler } from "../support/memory-peak";
import { cloneGrants, linkOneMerchant } from "../support/sandbox-grants";
import { startSandboxChild } from "../support/sandbox-child";
import { seedLinkedMerchants } from "../support/seed-linked-merchants";
import { round } from "../support/stats";
import { printTable } from "../support/table";

const GOAL_RATIO = 0.8;
const DAY_MS = 24 * 3600_000;

const kind = process.argv[2] === "postgresql" ? "postgresql" : "sqlite";
const options = parseBenchOptions(process.argv.slice(3));
const count = options.merchants;
const started = Date.now();
const headers = [
  "database",
  "merchants",
  "sweep s",
  "merchants/s",
  "OP alone refreshes/s (floor)",
  "ratio",
  "succeeded",
  "OP refreshes served",
  "peak RSS MiB (baseline)",
  "peak heap MiB (baseline)",
];

function notMeasured(reason: string): BenchResult {
  return {
    name: kind,
    config: { merchants: count, database: kind },
    tables: [{ title: "Keep-alive sweep", headers, rows: [[kind, count, null, null, null, null, null, null, reason]] }],
    goals: [
      {
        benchmark: `keep-alive ${kind}: merchants/s vs OP refreshes/s`,
        measured: null,
        floor: null,
        unit: "merchants/s",
        ratio: null,
        goal: `≥ ${GOAL_RATIO}×`,
        pass: null,
        note: `not yet measured: ${reason}`,
      },
    ],
    durationMs: Date.now() - started,
  };
}

/** The PostgreSQL data layer is being added; until the console can migrate and query it, PG is skipped. */
async function openDatabase(): Promise<{ database?: BenchDatabase; postgres?: ThrowawayPostgres; reason?: string }> {
  if (kind === "sqlite") return { database: createSqliteDatabase() };
  const postgres = await startThrowawayPostgres();
  try {
    migrateDatabase(postgres.url);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    const firstLine = stderr.split("\n").find((line) => line.trim()) ?? "migrate deploy failed";
    return { postgres, reason: `prisma migrate deploy refused the postgresql:// URL (${firstLine.trim()})` };
  }
  return { postgres, database: { url: postgres.url, kind: "postgresql", remove: () => postgres.stop() } };
}

const opened = await openDatabase();
const sandbox = opened.database ? await startSandboxChild() : undefined;
try {
  if (!opened.database || !sandbox) {
    const result = notMeasured(opened.reason ?? "no database");
    printTable(`Keep-alive sweep (${kind})`, result.tables[0]!.headers, result.tables[0]!.rows);
    writeBenchResult(result);
  } else {
    applyConsoleEnv(consoleEnv({ databaseUrl: opened.database.url, sandbox }));
    try {
      await getDb().$queryRawUnsafe("SELECT 1");
    } catch (error) {
      throw new Error(`the console's client cannot query ${kind}: ${error instanceof Error ? error.message : error}`);
    }
    // The sweep's own worker count (KEEPALIVE_CONCURRENCY), so the floor asks the OP the same way.
    const sweepConcurrency = getEnv().KEEPALIVE_CONCURRENCY;
    const environment = requireEnvironment("sandbox");
    const { metadata } = await getProviderMetadata(environment);
    const source = await linkOneMerchant(sandbox);
    const cloned = await cloneGrants(sandbox.dataDir, source, count * 2);
    const floorTokens = cloned.slice(0, count);
    await seedLinkedMerchants(source, cloned.slice(count), { lastRefreshedAt: new Date(Date.now() - 30 * DAY_MS) });

    // Floor: the OP refreshing as many grants, asked directly, as fast as the sweep's number of callers can.
    let floorFailures = 0;
    const floorStarted = performance.now();
    await forEachConcurrently(floorTokens, sweepConcurrency, async (refreshToken) => {
      try {
        await refreshTokens({
          tokenEndpoint: metadata.token_endpoint,
          clientId: environment.clientId,
          clientSecret: environment.clientSecret,
          refreshToken,
        });
      } catch {
        floorFailures += 1;
      }
    });
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    const floorRate = (count - floorFailures) / floorSeconds;

    const servedBefore = await refreshesServed(sandbox);
    const memory = startMemorySampler();
    const sweepStarted = performance.now();
    const sweep = await runKeepAliveSweep({ batchSize: count, refreshAfterMs: 7 * DAY_MS });
    const sweepSeconds = (performance.now() - sweepStarted) / 1000;
    const peak = memory.stop();
    const served = (await refreshesServed(sandbox)) - servedBefore;
    if (!sweep.ran) throw new Error("the sweep did not claim its job lease");
    const rate = sweep.succeeded / sweepSeconds;
    const ratio = rate / floorRate;

    const rows = [
      [
        kind,
        count,
        round(sweepSeconds, 1),
        round(rate, 1),
        round(floorRate, 1),
        round(ratio),
        `${sweep.succeeded}/${sweep.processed}`,
        served,
        `${peak.peakRssMiB} (${peak.baselineRssMiB})`,
        `${peak.peakHeapMiB} (${peak.baselineHeapMiB})`,
      ],
    ];
    printTable(`Keep-alive sweep (${kind}, ${count} merchants)`, headers, rows);
    const goals: GoalRow[] = [
      {
        benchmark: `keep-alive ${kind} (${count} merchants): merchants/s vs OP refreshes/s`,
        measured: round(rate, 1),
        floor: round(floorRate, 1),
        unit: "per second",
        ratio: round(ratio),
        goal: `≥ ${GOAL_RATIO}×`,
        pass: ratio >= GOAL_RATIO && sweep.succeeded === count,
        note: `${sweep.succeeded}/${count} refreshed, peak RSS ${peak.peakRssMiB} MiB${floorFailures ? `, ${floorFailures} floor failures` : ""}`,
      },
    ];
    writeBenchResult({
      name: kind,
      config: { merchants: count, database: kind, concurrency: sweepConcurrency, backlogAfter: sweep.backlog },
      tables: [{ title: "Keep-alive sweep", headers, rows }],
      goals,
      durationMs: Date.now() - started,
    });
  }
} finally {
  if (opened.database) await getDb().$disconnect();
  await sandbox?.stop();
  opened.database?.remove();
  if (!opened.database) opened.postgres?.stop();
}
