import { writeFileSync } from "node:fs";

import { round } from "./stats";
import type { Cell } from "./table";

/** One line of the final summary: a measurement, its floor from the same run, and the goal it is held to. */
export type GoalRow = {
  benchmark: string;
  measured: number | null;
  floor: number | null;
  unit: string;
  /** measured/floor for costs, floor-relative throughput for rates: always the number the goal is about. */
  ratio: number | null;
  goal: string;
  /** null: informational, held to no goal. */
  pass: boolean | null;
  note?: string;
};

/**
 * A goal's ratio as the summary prints it: three decimals, so that a ratio just past its guard (1.1025 against
 * ≤ 1.1×) never prints as the guard itself beside "FAIL". Tables keep two.
 */
export function goalRatio(ratio: number): number {
  return round(ratio, 3);
}

export type ResultTable = { title: string; headers: string[]; rows: Cell[][] };

export type BenchResult = {
  name: string;
  config: Record<string, unknown>;
  tables: ResultTable[];
  goals: GoalRow[];
  durationMs: number;
};

export const RESULT_FILE_FLAG = "--result-file";

/** Benchmarks run as child processes and hand their result back through a file the parent names. */
export function writeBenchResult(result: BenchResult): void {
  const index = process.argv.indexOf(RESULT_FILE_FLAG);
  const file = index >= 0 ? process.argv[index + 1] : undefined;
  if (file) writeFileSync(file, JSON.stringify(result, null, 2));
}
