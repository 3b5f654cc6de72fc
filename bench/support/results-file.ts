import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** bench/results/ is git-ignored: results belong to a machine and a moment, not to the code. */
export function saveResults(report: unknown): string {
  const directory = path.join("bench", "results");
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
