/**
 * One database's keep-alive run (started by keep-alive.ts): `count` linked merchants, each with its own
 * sandbox grant, all due. The floor is the sandbox OP refreshing as many grants of its own, driven
 * directly with the sweep's concurrency; runKeepAliveSweep refreshes the merchants, a fifth at a time,
 * in turns with the floor, and the sandbox counts what it served.
 */
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { requireEnvironment } from "@/lib/mobilepay/environments";
import { refreshTokens } from "@/lib/mobilepay/oidc/token-endpoint-client";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";
import { runKeepAliveSweep } from "@/lib/tokens/keep-alive";

import { startThrowawayPostgres } from "../../scripts/throwaway-postgres";
import { parseBenchOptions } from "../support/args";
import { goalRatio, writeBenchResult, type GoalRow } from "../support/bench-result";
import { forEachConcurrently } from "../support/bounded-pool";
import { createSqliteDatabase, migrateDatabase, type BenchDatabase } from "../support/console-database";
import { applyConsoleEnv, consoleEnv } from "../support/console-env";
import { refreshesServed } from "../support/control-state";
import { startMemorySampler } from "../support/memory-peak";
import { benchMerchant } from "../support/bench-merchants";
import { cloneGrants, linkOneMerchant } from "../support/sandbox-grants";
import { startSandboxChild } from "../support/sandbox-child";
import { GUARDS, keepAliveJudged } from "../support/guards";
import { seedLinkedMerchants } from "../support/seed-linked-merchants";
import { round } from "../support/stats";
import { printTable } from "../support/table";

const GOAL_RATIO = GUARDS.keepAliveToOp;
/** Floor and sweep alternate this many times, each on its share of the grants and merchants. */
const ROUNDS = 5;
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

/** SQLite in a temporary file, or a throwaway PostgreSQL server migrated as `npm start` would. */
async function openDatabase(): Promise<BenchDatabase> {
  if (kind === "sqlite") return createSqliteDatabase();
  const postgres = await startThrowawayPostgres();
  try {
    migrateDatabase(postgres.url);
  } catch (error) {
    postgres.stop();
    throw error;
  }
  return { url: postgres.url, kind: "postgresql", remove: () => postgres.stop() };
}

const database = await openDatabase();
const sandbox = await startSandboxChild({ extraMerchants: count });
try {
  applyConsoleEnv(consoleEnv({ databaseUrl: database.url, sandbox }));
  // The sweep's own worker count (KEEPALIVE_CONCURRENCY), so the floor asks the OP the same way.
  const sweepConcurrency = getEnv().KEEPALIVE_CONCURRENCY;
  const environment = requireEnvironment("sandbox");
  const { metadata } = await getProviderMetadata(environment);
  const source = await linkOneMerchant(sandbox);
  const floorTokens = await cloneGrants(sandbox.dataDir, source, count);
  // Each swept merchant is a sandbox merchant of its own, as every refresh checks.
  const sweptTokens = await cloneGrants(sandbox.dataDir, source, count, benchMerchant);
  await seedLinkedMerchants(source, sweptTokens, {
    lastRefreshedAt: new Date(Date.now() - 30 * DAY_MS),
    merchantOf: benchMerchant,
  });

  // The floor (the OP refreshing grants of its own, asked directly by as many callers as the sweep has
  // workers) and the sweep take turns in rounds, so both meet the machine's slow moments alike: measured
  // one after the other, the floor alone moved by ±10 % between runs.
  const roundSize = Math.ceil(count / ROUNDS);
  let floorFailures = 0;
  let floorSeconds = 0;
  let sweepSeconds = 0;
  const sweep = { succeeded: 0, processed: 0, backlog: 0 };
  let served = 0;
  const memory = startMemorySampler();
  for (let start = 0; start < count; start += roundSize) {
    const floorStarted = performance.now();
    await forEachConcurrently(floorTokens.slice(start, start + roundSize), sweepConcurrency, async (refreshToken) => {
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
    floorSeconds += (performance.now() - floorStarted) / 1000;
    const servedBefore = await refreshesServed(sandbox);
    const sweepStarted = performance.now();
    const outcome = await runKeepAliveSweep({ batchSize: roundSize, refreshAfterMs: 7 * DAY_MS });
    sweepSeconds += (performance.now() - sweepStarted) / 1000;
    served += (await refreshesServed(sandbox)) - servedBefore;
    if (!outcome.ran) throw new Error("the sweep did not claim its job lease");
    sweep.succeeded += outcome.succeeded;
    sweep.processed += outcome.processed;
    sweep.backlog = outcome.backlog;
  }
  const peak = memory.stop();
  const floorRate = (count - floorFailures) / floorSeconds;
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
  const judged = keepAliveJudged(count);
  const goals: GoalRow[] = [
    {
      benchmark: `keep-alive ${kind} (${count} merchants): merchants/s vs OP refreshes/s`,
      measured: round(rate, 1),
      floor: round(floorRate, 1),
      unit: "per second",
      ratio: goalRatio(ratio),
      goal: judged
        ? `≥ ${GOAL_RATIO}×`
        : `≥ ${GOAL_RATIO}× from ${GUARDS.keepAliveJudgedFromMerchants.toLocaleString("en-US")} merchants`,
      // A merchant left unrefreshed fails the run at any size; the ratio is judged only from the judged size.
      pass: sweep.succeeded !== count ? false : judged ? ratio >= GOAL_RATIO : null,
      note: `${sweep.succeeded}/${count} refreshed, peak RSS ${peak.peakRssMiB} MiB${floorFailures ? `, ${floorFailures} floor failures` : ""}`,
    },
  ];
  writeBenchResult({
    name: kind,
    config: {
      merchants: count,
      database: kind,
      concurrency: sweepConcurrency,
      rounds: ROUNDS,
      backlogAfter: sweep.backlog,
    },
    tables: [{ title: "Keep-alive sweep", headers, rows }],
    goals,
    durationMs: Date.now() - started,
  });
} finally {
  await getDb().$disconnect();
  await sandbox.stop();
  database.remove();
}
