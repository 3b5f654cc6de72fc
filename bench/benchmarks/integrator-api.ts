/**
 * Benchmark 6 — the integrator API served by the built app (`next start`), loaded from a second process on
 * loopback. Two ratios, each against its floor in the same run:
 *  - access-token handouts per second against a route of the same server that answers a constant (the API's
 *    own "no such endpoint" answer: same proxy, same Next route machinery, no key, no database);
 *  - a proxied Invoice call (a key, the merchant's token, MobilePay's answer streamed back, the call recorded
 *    in the merchant's request history) against the same call sent straight to the sandbox, whose API
 *    answers after 50 ms (its latency switch), compared at p95. Beside them, informational, the same call
 *    through a bare relay (bench/support/bare-relay.ts): what the extra hop alone costs on this host.
 */
import path from "node:path";

import { createApiKey } from "@/lib/api-keys/create-api-key";

import { parseBenchOptions } from "../support/args";
import { goalRatio, writeBenchResult, type GoalRow } from "../support/bench-result";
import { createSqliteDatabase } from "../support/console-database";
import { applyConsoleEnv, consoleEnv } from "../support/console-env";
import { buildConsole, startConsole, type ConsoleServer } from "../support/console-server";
import { GUARDS } from "../support/guards";
import { driveLoad } from "../support/load-client";
import type { LoadPlan, LoadReport } from "../support/load-driver-plan";
import { startSandboxChild } from "../support/sandbox-child";
import { startScriptChild, type ScriptChild } from "../support/script-child";
import { linkOneMerchant } from "../support/sandbox-grants";
import { seedLinkedMerchants } from "../support/seed-linked-merchants";
import { round, summarize } from "../support/stats";
import { printTable, type Cell } from "../support/table";
import { freePort } from "../../scripts/throwaway-postgres";
import { ControlClient } from "../../sandbox/test/support/control-client";

/** Floor and measurement take turns, so both meet the machine's slow moments alike. */
const ROUNDS = 5;
const THROUGHPUT_LOAD = { concurrency: 4, requests: 400, maxSeconds: 10 };
const LATENCY_LOAD = { concurrency: 4, requests: 100, maxSeconds: 15 };
const WARMUP = { concurrency: 2, requests: 20, maxSeconds: 20 };
const SANDBOX_API_LATENCY_MS = 50;
const BENCH_ADMIN = { id: "bench-admin", email: "bench@example.com", name: "Bench", role: "admin" } as const;

const options = parseBenchOptions(process.argv.slice(2));
const started = Date.now();
const buildMs = options.skipBuild ? null : buildConsole();
const sandbox = await startSandboxChild();
const database = createSqliteDatabase();
const port = await freePort();
// The per-key limit would answer most of the load with 429: the limiter's own cost stays in.
const env = {
  ...consoleEnv({ databaseUrl: database.url, sandbox, consoleUrl: `http://localhost:${port}` }),
  API_RATE_LIMIT_PER_MINUTE: "1000000",
};
applyConsoleEnv(env);
let server: ConsoleServer | undefined;
let relay: ScriptChild<{ url: string }> | undefined;

/** Loads one URL and insists every answer has the status the route gives (a 429 or 500 is not a result). */
async function load(plan: LoadPlan, expectedStatus: number): Promise<LoadReport> {
  const report = await driveLoad(plan);
  const unexpected = Object.entries(report.statuses).filter(([status]) => status !== String(expectedStatus));
  if (unexpected.length > 0) {
    throw new Error(
      `${plan.method ?? "GET"} ${new URL(plan.url).pathname} answered ${JSON.stringify(report.statuses)}`,
    );
  }
  return report;
}

try {
  const source = await linkOneMerchant(sandbox);
  const [merchantId] = await seedLinkedMerchants(source, [source.refreshToken], { lastRefreshedAt: null });
  if (!merchantId) throw new Error("seeding failed");
  const { secret } = await createApiKey({
    input: {
      name: "Bench backend",
      environments: ["sandbox"],
      scopes: ["tokens:issue", "proxy:invoice"],
      expiresOn: null,
      returnUrlOrigins: [],
    },
    staff: BENCH_ADMIN,
  });
  server = await startConsole(port, env);
  const bearer = { authorization: `Bearer ${secret}` };

  const constant: LoadPlan = { url: `${server.url}/api/v1/bench-constant`, method: "POST", ...THROUGHPUT_LOAD };
  const handout: LoadPlan = {
    url: `${server.url}/api/v1/merchants/${merchantId}/access-token`,
    method: "POST",
    headers: bearer,
    ...THROUGHPUT_LOAD,
  };
  const invoicePath = `api/v1/merchants/${source.merchantId}/invoiceissuers`;
  const proxied: LoadPlan = {
    url: `${server.url}/api/v1/merchants/${merchantId}/proxy/invoice/${invoicePath}`,
    headers: bearer,
    ...LATENCY_LOAD,
  };
  /** The same call as a backend would send it without the console, with the token the console hands out. */
  async function directPlan(base = sandbox.url): Promise<LoadPlan> {
    const answer = await fetch(handout.url, { method: "POST", headers: bearer });
    if (!answer.ok) throw new Error(`the access-token endpoint answered ${answer.status}`);
    const { access_token: accessToken } = (await answer.json()) as { access_token: string };
    return {
      url: `${base}/invoice-restapi/${invoicePath}`,
      headers: { authorization: `Bearer ${accessToken}`, CorrelationId: crypto.randomUUID() },
      ...LATENCY_LOAD,
    };
  }
  relay = await startScriptChild<{ url: string }>(path.join("bench", "support", "bare-relay.ts"), {
    BENCH_RELAY_TARGET: new URL(sandbox.url).origin,
  });
  const relayUrl = relay.info.url;

  // Warm-up: route compilation on first use, the JIT, the database connection and discovery.
  await load({ ...constant, ...WARMUP }, 404);
  await load({ ...handout, ...WARMUP }, 200);
  await load({ ...proxied, ...WARMUP }, 200);
  await load({ ...(await directPlan(relayUrl)), ...WARMUP }, 200);

  const rates = { constant: { count: 0, seconds: 0 }, handout: { count: 0, seconds: 0 } };
  for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
    const order = roundIndex % 2 === 0 ? (["constant", "handout"] as const) : (["handout", "constant"] as const);
    for (const name of order) {
      const report = await load(name === "constant" ? constant : handout, name === "constant" ? 404 : 200);
      rates[name].count += report.latenciesMs.length;
      rates[name].seconds += report.seconds;
    }
  }
  const constantRate = rates.constant.count / rates.constant.seconds;
  const handoutRate = rates.handout.count / rates.handout.seconds;

  await new ControlClient(sandbox.url).json("PUT", "/control/latency", {
    milliseconds: SANDBOX_API_LATENCY_MS,
    target: "api",
  });
  const latencies = { direct: [] as number[], proxied: [] as number[], relayed: [] as number[] };
  const sides = ["direct", "proxied", "relayed"] as const;
  const planFor = async (side: (typeof sides)[number]) =>
    side === "proxied" ? proxied : await directPlan(side === "direct" ? sandbox.url : relayUrl);
  for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
    // Each side takes each place in the order in turn.
    const order = sides.map((_, index) => sides[(index + roundIndex) % sides.length]!);
    for (const side of order) {
      const report = await load(await planFor(side), 200);
      latencies[side].push(...report.latenciesMs);
    }
  }
  const direct = summarize(latencies.direct);
  const viaProxy = summarize(latencies.proxied);
  const viaRelay = summarize(latencies.relayed);

  const handoutRatio = handoutRate / constantRate;
  const proxyRatio = viaProxy.p95 / direct.p95;
  const headers = ["measurement", "requests", "per second", "median ms", "p95 ms", "ratio", "goal"];
  const rows: Cell[][] = [
    ["constant answer (floor)", rates.constant.count, round(constantRate, 1), null, null, null, null],
    [
      "access-token handouts",
      rates.handout.count,
      round(handoutRate, 1),
      null,
      null,
      round(handoutRatio),
      `≥ ${GUARDS.apiHandoutToConstant}×`,
    ],
    [
      `Invoice call straight to the sandbox, ${SANDBOX_API_LATENCY_MS} ms (floor)`,
      direct.count,
      null,
      round(direct.median, 1),
      round(direct.p95, 1),
      null,
      null,
    ],
    [
      "the same call through a bare relay (informational)",
      viaRelay.count,
      null,
      round(viaRelay.median, 1),
      round(viaRelay.p95, 1),
      round(viaRelay.p95 / direct.p95),
      null,
    ],
    [
      "the same call through /api/v1 (p95)",
      viaProxy.count,
      null,
      round(viaProxy.median, 1),
      round(viaProxy.p95, 1),
      round(proxyRatio),
      `≤ ${GUARDS.apiProxyToDirect}×`,
    ],
  ];
  printTable(
    `Integrator API (${buildMs === null ? "existing build" : `built in ${Math.round(buildMs / 1000)} s`}; ${THROUGHPUT_LOAD.concurrency} connections)`,
    headers,
    rows,
  );
  const goals: GoalRow[] = [
    {
      benchmark: "API token handouts / constant route",
      measured: round(handoutRate, 1),
      floor: round(constantRate, 1),
      unit: "req/s",
      ratio: goalRatio(handoutRatio),
      goal: `≥ ${GUARDS.apiHandoutToConstant}×`,
      pass: handoutRatio >= GUARDS.apiHandoutToConstant,
    },
    {
      benchmark: "API proxied Invoice call / direct (p95)",
      measured: round(viaProxy.p95, 1),
      floor: round(direct.p95, 1),
      unit: "ms (p95)",
      ratio: goalRatio(proxyRatio),
      goal: `≤ ${GUARDS.apiProxyToDirect}×`,
      pass: proxyRatio <= GUARDS.apiProxyToDirect,
      note: `median ${round(viaProxy.median / direct.median)}×; a bare relay ${round(viaRelay.p95 / direct.p95)}× at p95`,
    },
  ];
  writeBenchResult({
    name: "integrator-api",
    config: {
      rounds: ROUNDS,
      throughputLoad: THROUGHPUT_LOAD,
      latencyLoad: LATENCY_LOAD,
      sandboxApiLatencyMs: SANDBOX_API_LATENCY_MS,
    },
    tables: [{ title: "Integrator API", headers, rows }],
    goals,
    durationMs: Date.now() - started,
  });
} finally {
  await relay?.stop();
  await server?.stop();
  await sandbox.stop();
  database.remove();
}
