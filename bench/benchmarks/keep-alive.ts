/**
 * Benchmark 3 — the keep-alive sweep over many linked merchants, on SQLite and on PostgreSQL. Each
 * database runs in a process of its own (the console's client is a per-process singleton); this file
 * starts them one after the other and merges what they report.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { parseBenchOptions } from "../support/args";
import { RESULT_FILE_FLAG, writeBenchResult, type BenchResult } from "../support/bench-result";
import { printTable } from "../support/table";

/** Per database; 10,000 merchants (`--scale`) take about ten times as long as the default 1,000. */
const VARIANT_TIMEOUT_MS = (parseBenchOptions(process.argv.slice(2)).scale ? 18 : 5) * 60_000;
const started = Date.now();
const argv = process.argv.slice(2);
const forwarded = argv.filter((arg, index) => arg !== RESULT_FILE_FLAG && argv[index - 1] !== RESULT_FILE_FLAG);

async function runVariant(database: "sqlite" | "postgresql"): Promise<BenchResult> {
  const directory = mkdtempSync(path.join(tmpdir(), "console-bench-variant-"));
  const resultFile = path.join(directory, "result.json");
  try {
    const child = spawn(
      path.join("node_modules", ".bin", "tsx"),
      [
        "--conditions=react-server",
        path.join("bench", "benchmarks", "keep-alive-variant.ts"),
        database,
        ...forwarded,
        RESULT_FILE_FLAG,
        resultFile,
      ],
      { stdio: "inherit", env: process.env },
    );
    const timer = setTimeout(() => child.kill("SIGTERM"), VARIANT_TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    if (code !== 0) throw new Error(`the ${database} variant exited with ${code}`);
    return JSON.parse(readFileSync(resultFile, "utf8")) as BenchResult;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const variants = [await runVariant("sqlite"), await runVariant("postgresql")];
const table = variants[0]!.tables[0]!;
const rows = variants.flatMap((variant) => variant.tables[0]?.rows ?? []);
printTable("Keep-alive sweep, both databases", table.headers, rows);
writeBenchResult({
  name: "keep-alive",
  config: Object.fromEntries(variants.map((variant) => [variant.name, variant.config])),
  tables: [{ title: "Keep-alive sweep", headers: table.headers, rows }],
  goals: variants.flatMap((variant) => variant.goals),
  durationMs: Date.now() - started,
});
