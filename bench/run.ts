/**
 * The console's benchmarks, each measured side by side with its floor in the same run:
 *   npx tsx --conditions=react-server bench/run.ts [--only a,b] [--merchants N] [--skip-build] ...
 * Each benchmark runs in a child process of its own, so its module state, database and memory peak are
 * its own; this process only collects what they report and prints the summary.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { parseBenchOptions, type BenchmarkName } from "./support/args";
import { RESULT_FILE_FLAG, type BenchResult, type GoalRow } from "./support/bench-result";
import { resultCell, verdict } from "./support/guards";
import { describeMachine, machineLine } from "./support/machine";
import { saveResults } from "./support/results-file";
import { printTable } from "./support/table";

const argv = process.argv.slice(2);
const options = parseBenchOptions(argv);
/** A benchmark that has not finished by then is stopped and reported as failed; the big sizes take longer. */
const BENCHMARK_TIMEOUT_MS = (options.scale ? 40 : 9) * 60_000;
const machine = describeMachine();
console.log(`Machine: ${machineLine(machine)}`);
console.log(`Benchmarks: ${options.only.join(", ")}`);

async function runBenchmark(name: BenchmarkName): Promise<BenchResult> {
  const directory = mkdtempSync(path.join(tmpdir(), "console-bench-result-"));
  const resultFile = path.join(directory, "result.json");
  try {
    const child = spawn(
      path.join("node_modules", ".bin", "tsx"),
      [
        "--conditions=react-server",
        path.join("bench", "benchmarks", `${name}.ts`),
        ...argv,
        RESULT_FILE_FLAG,
        resultFile,
      ],
      { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } },
    );
    const timer = setTimeout(() => child.kill("SIGTERM"), BENCHMARK_TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    if (code !== 0) throw new Error(`exited with ${code}`);
    return JSON.parse(readFileSync(resultFile, "utf8")) as BenchResult;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const results: BenchResult[] = [];
const goals: GoalRow[] = [];
for (const name of options.only) {
  console.log(`\n=== ${name}`);
  try {
    const result = await runBenchmark(name);
    results.push(result);
    goals.push(...result.goals);
    console.log(`(${name} took ${Math.round(result.durationMs / 1000)} s)`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`${name} failed: ${reason}`);
    goals.push({
      benchmark: name,
      measured: null,
      floor: null,
      unit: "",
      ratio: null,
      goal: "",
      pass: false,
      note: reason,
    });
  }
}

console.log(`\nMachine: ${machineLine(machine)}`);
printTable(
  "Summary",
  ["benchmark", "measured", "floor", "unit", "ratio", "goal", "result", "note"],
  goals.map((goal) => [
    goal.benchmark,
    goal.measured,
    goal.floor,
    goal.unit,
    goal.ratio,
    goal.goal,
    resultCell(goal),
    goal.note,
  ]),
);
const file = saveResults({ startedAt: new Date().toISOString(), machine, options, results, goals });
console.log(`\nSaved ${file}`);
// A crossed guard fails the run, so that CI and scripts notice the regression.
const { lines, exitCode } = verdict(goals);
console.log(`\n${lines.join("\n")}`);
process.exitCode = exitCode;
