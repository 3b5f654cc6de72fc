/**
 * Benchmark 4 — the console's pages served by the built app (`next start`) and loaded from a second process
 * on loopback. Every page is compared with the sign-in page of the same server under the same load: the
 * floor of what any request costs (proxy, CSP nonce, React rendering) without data. With `--scale`, a
 * second server of the same build holds the big data set (100,000 merchants, 1,000,000 audit events), the
 * pages of both servers take turns, and each page at the big size is compared with itself at the small
 * one. Also reports first-load JavaScript per route from the build output.
 */
import { encodeCursor } from "@/lib/audit/audit-filter-schemas";

import { parseBenchOptions } from "../support/args";
import { goalRatio, writeBenchResult, type GoalRow, type ResultTable } from "../support/bench-result";
import { seedConsoleAtScale } from "../support/bulk-seed-pages";
import { createSqliteDatabase } from "../support/console-database";
import { consoleEnv } from "../support/console-env";
import { buildConsole, startConsole } from "../support/console-server";
import { firstLoadJavaScript } from "../support/first-load-js";
import { GUARDS, pageGuard, scaleGuard } from "../support/guards";
import { freePort } from "../../scripts/throwaway-postgres";
import { driveLoad } from "../support/load-client";
import { startSandboxChild } from "../support/sandbox-child";
import { signInStaff } from "../support/staff-session";
import { median, round, summarize } from "../support/stats";
import { printTable, type Cell } from "../support/table";

const GOAL_GZIP_KB = GUARDS.firstLoadGzipKb;
/**
 * Each page gets ROUNDS loads of LOAD, taking turns with the other pages, so that the floor and every page
 * meet the machine's slow moments alike (one page after another, a busy minute fell on whichever page was
 * running, and moved a page's p95 by ±25 % between runs).
 */
const ROUNDS = 5;
/** Above this p95-to-median spread of the floor, a run is reported as taken on a busy machine. */
const NOISY_FLOOR_SPREAD = 1.6;
const LOAD = { concurrency: 4, requests: 100, maxSeconds: 20 };
const WARMUP = { concurrency: 2, requests: 10, maxSeconds: 20 };

const options = parseBenchOptions(process.argv.slice(2));
const started = Date.now();
const goals: GoalRow[] = [];

const buildMs = options.skipBuild ? null : buildConsole();
const bundles = firstLoadJavaScript();
const bundleHeaders = ["route", "chunks", "raw kB", "gzip kB", "goal", "result"];
const bundleRows: Cell[][] = bundles.map((bundle) => [
  bundle.route,
  bundle.chunks,
  round(bundle.rawBytes / 1000, 1),
  round(bundle.gzipBytes / 1000, 1),
  `≤ ${GOAL_GZIP_KB} kB`,
  bundle.gzipBytes / 1000 <= GOAL_GZIP_KB ? "pass" : "FAIL",
]);
printTable(
  `First-load JavaScript per route (${buildMs === null ? "existing build" : `built in ${Math.round(buildMs / 1000)} s`})`,
  bundleHeaders,
  bundleRows,
);
for (const bundle of bundles) {
  goals.push({
    benchmark: `first-load JS ${bundle.route}`,
    measured: round(bundle.gzipBytes / 1000, 1),
    floor: null,
    unit: "kB gzip",
    ratio: null,
    goal: `≤ ${GOAL_GZIP_KB} kB`,
    pass: bundle.gzipBytes / 1000 <= GOAL_GZIP_KB,
  });
}

type DataSize = { label: string; merchants: number; auditEvents: number };
type Page = { name: string; path: string; signedIn: boolean; atScale: boolean };
type Measured = { name: string; median: number; p95: number; n: number; atScale: boolean };

const sizes: DataSize[] = [
  { label: "default", merchants: options.pageMerchants, auditEvents: options.auditEvents },
  ...(options.scale
    ? [{ label: "big", merchants: options.scaleMerchants, auditEvents: options.scaleAuditEvents }]
    : []),
];
const describeSize = (size: DataSize) => `${size.merchants} merchants, ${size.auditEvents} audit events`;

/** The pages of one server; the paths that name data come from that server's seed. */
function pagesOf(seed: Awaited<ReturnType<typeof seedConsoleAtScale>>): Page[] {
  const detailId = seed.merchantIds[1] ?? seed.merchantIds[0] ?? "";
  return [
    { name: "sign-in (floor)", path: "/sign-in", signedIn: false, atScale: false },
    { name: "merchants list", path: "/merchants", signedIn: true, atScale: true },
    {
      name: "merchants list, filtered",
      path: "/merchants?q=Merchant%2042&state=linked",
      signedIn: true,
      atScale: true,
    },
    {
      // A support lookup: one merchant by its whole name, found at every size, so the page's work is bounded.
      // Held to no guard against the sign-in page, only to the one as data grows.
      name: "merchants list, one merchant found",
      path: "/merchants?q=Merchant%2042%20ApS&state=linked",
      signedIn: true,
      atScale: true,
    },
    { name: "merchant detail", path: `/merchants/${detailId}`, signedIn: true, atScale: true },
    { name: "audit log", path: "/audit", signedIn: true, atScale: true },
    {
      // Named without its size, so that both servers' rows pair up; the table title gives the size. Held
      // to no guard against the sign-in page, only to the one as data grows.
      name: "audit log half-way back",
      path: `/audit?before=${encodeCursor(seed.middleAuditEvent)}`,
      signedIn: true,
      atScale: true,
    },
    // Console pages without rows: session, staff lookup, layout and an empty table. Against the floor
    // they show what the rows themselves cost in the pages above.
    {
      name: "merchants list, no rows (informational)",
      path: "/merchants?q=no-such-merchant",
      signedIn: true,
      atScale: false,
    },
    {
      name: "audit log, no rows (informational)",
      path: "/audit?merchant=no-such-merchant",
      signedIn: true,
      atScale: false,
    },
  ];
}

const sandbox = await startSandboxChild();
const databases = sizes.map(() => createSqliteDatabase());
const servers: { stop(): Promise<void> }[] = [];
try {
  const targets: { size: DataSize; url: string; cookie: string; pages: Page[] }[] = [];
  for (const [index, size] of sizes.entries()) {
    const database = databases[index]!;
    const seedStarted = Date.now();
    const seed = await seedConsoleAtScale(database.url, size);
    console.log(`Seeded ${describeSize(size)} in ${Math.round((Date.now() - seedStarted) / 1000)} s`);
    const port = await freePort();
    const server = await startConsole(
      port,
      consoleEnv({ databaseUrl: database.url, sandbox, consoleUrl: `http://localhost:${port}` }),
    );
    servers.push(server);
    targets.push({
      size,
      url: server.url,
      cookie: await signInStaff(server.url, seed.staff),
      pages: pagesOf(seed),
    });
  }

  const planFor = (target: (typeof targets)[number], page: Page) => ({
    url: `${target.url}${page.path}`,
    ...(page.signedIn ? { cookie: target.cookie } : {}),
  });
  for (const target of targets)
    for (const page of target.pages) await driveLoad({ ...planFor(target, page), ...WARMUP });
  const latencies = targets.map((target) => target.pages.map((): number[] => []));
  // Each round's median per page and server: a page's two sizes ran one after the other within a round, so
  // their ratio round by round shows how far the host moved the pooled one.
  const roundMedians = targets.map((target) => target.pages.map((): number[] => []));
  for (let round_ = 0; round_ < ROUNDS; round_ += 1) {
    // Page by page, each server in turn: a page and its twin at the other size meet the same moments.
    for (const [pageIndex] of targets[0]!.pages.entries()) {
      for (const [targetIndex, target] of targets.entries()) {
        const page = target.pages[pageIndex]!;
        const report = await driveLoad({ ...planFor(target, page), ...LOAD });
        const ok = report.statuses["200"] ?? 0;
        if (ok !== report.latenciesMs.length) {
          throw new Error(`${page.path} answered ${JSON.stringify(report.statuses)}, expected only 200`);
        }
        latencies[targetIndex]![pageIndex]!.push(...report.latenciesMs);
        roundMedians[targetIndex]![pageIndex]!.push(median(report.latenciesMs));
      }
    }
  }

  const tables: ResultTable[] = [{ title: "First-load JavaScript", headers: bundleHeaders, rows: bundleRows }];
  const config: Record<string, unknown> = {
    sizes,
    load: { ...LOAD, rounds: ROUNDS },
    built: buildMs !== null,
    database: "sqlite",
  };
  const measuredBySize = targets.map((target, targetIndex) =>
    target.pages.map((page, pageIndex): Measured => {
      const summary = summarize(latencies[targetIndex]![pageIndex]!);
      return { name: page.name, median: summary.median, p95: summary.p95, n: summary.count, atScale: page.atScale };
    }),
  );
  // The guards against the sign-in page are judged on the biggest data set of the run.
  const judged = targets.length - 1;
  const headers = [
    "page",
    "requests",
    "median ms",
    "p95 ms",
    "median ratio to sign-in",
    "p95 ratio",
    "guard",
    "result",
  ];
  for (const [targetIndex, target] of targets.entries()) {
    const measured = measuredBySize[targetIndex]!;
    const floor = measured[0]!;
    const guarded = targetIndex === judged;
    const compared = measured.map((page) => ({
      ...page,
      medianRatio: page.median / floor.median,
      p95Ratio: page.p95 / floor.p95,
      guard: guarded ? pageGuard(page.name) : undefined,
    }));
    const rows: Cell[][] = compared.map((page) => [
      page.name,
      page.n,
      round(page.median),
      round(page.p95),
      round(page.medianRatio),
      round(page.p95Ratio),
      page.guard === undefined ? "" : `≤ ${page.guard}×`,
      page.guard === undefined ? "" : page.medianRatio <= page.guard ? "pass" : "FAIL",
    ]);
    const title = `Console pages, ${describeSize(target.size)} (SQLite, next start, ${LOAD.concurrency} concurrent)`;
    printTable(title, headers, rows);
    tables.push({ title, headers, rows });
    // A busy host stretches the tail of the light floor page more than that of the heavier pages; the
    // guards compare medians, which move less.
    const floorSpread = floor.p95 / floor.median;
    const noisy = floorSpread > NOISY_FLOOR_SPREAD;
    if (noisy) {
      console.log(
        `The floor's p95 is ${round(floorSpread)}× its median (quiet runs: ≤ ${NOISY_FLOOR_SPREAD}×): the machine was busy.`,
      );
    }
    config[`${target.size.label}FloorSpread`] = round(floorSpread);
    config[`${target.size.label}BusyMachine`] = noisy;
    for (const page of compared) {
      if (page.guard === undefined) continue;
      goals.push({
        benchmark: `page ${page.name}`,
        measured: round(page.median),
        floor: round(floor.median),
        unit: "ms (median)",
        ratio: goalRatio(page.medianRatio),
        goal: `≤ ${page.guard}×`,
        pass: page.medianRatio <= page.guard,
        note: `${describeSize(target.size)}; p95 ${round(page.p95)} ms vs ${round(floor.p95)} ms (${round(page.p95Ratio)}×)${noisy ? "; busy machine" : ""}`,
      });
    }
  }

  if (targets.length > 1) {
    const [small, big] = [measuredBySize[0]!, measuredBySize[judged]!];
    const scaleHeaders = [
      "page",
      `median ms, ${describeSize(sizes[0]!)}`,
      `median ms, ${describeSize(sizes[judged]!)}`,
      "ratio",
      "each round's ratio (informational)",
      "guard",
      "result",
    ];
    // Per page, once: its ratio, each round's (big-size median over small-size one) and its guard, or
    // `undefined` for an informational row, as the table prints them and the goals judge them.
    const grown = big.map((page, index) => ({
      ...page,
      smallMedian: small[index]!.median,
      ratio: page.median / small[index]!.median,
      roundRatios: roundMedians[judged]![index]!.map((bigMedian, round_) =>
        round(bigMedian / roundMedians[0]![index]![round_]!),
      ),
      guard: page.atScale ? scaleGuard(page.name) : undefined,
    }));
    const scaleRows: Cell[][] = grown.map((page) => [
      page.name,
      round(page.smallMedian),
      round(page.median),
      round(page.ratio),
      page.roundRatios.join(" "),
      page.guard === undefined ? "" : `≤ ${page.guard}×`,
      page.guard === undefined ? "" : page.ratio <= page.guard ? "pass" : "FAIL",
    ]);
    const title = "Console pages as data grows (same build, same run)";
    printTable(title, scaleHeaders, scaleRows);
    tables.push({ title, headers: scaleHeaders, rows: scaleRows });
    for (const page of grown) {
      if (page.guard === undefined) continue;
      goals.push({
        benchmark: `page ${page.name} at scale`,
        measured: round(page.median),
        floor: round(page.smallMedian),
        unit: "ms (median)",
        ratio: goalRatio(page.ratio),
        goal: `≤ ${page.guard}×`,
        pass: page.ratio <= page.guard,
        note: `${describeSize(sizes[judged]!)} vs ${describeSize(sizes[0]!)}; each round ${page.roundRatios.join(", ")}`,
      });
    }
  }

  writeBenchResult({ name: "console-pages", config, tables, goals, durationMs: Date.now() - started });
} finally {
  for (const server of servers) await server.stop();
  await sandbox.stop();
  for (const database of databases) database.remove();
}
