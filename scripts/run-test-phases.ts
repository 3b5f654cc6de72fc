/**
 * `npm test`: the README's test command in phases, timed. The static checks run side by side (each is one
 * single-threaded process, so two cores finish them in about the time of the longest); the test phases
 * follow one after another. Each phase is an npm script of its own, so `npm run test:unit` and the others
 * stay what they are. Stops at the first failing phase and prints how long each phase took.
 *   npx tsx scripts/run-test-phases.ts [--from test:unit]
 */
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";

import { TEST_PHASES, phasesFrom, type PhaseResult } from "./test-phases";

function runScript(script: string, quiet: boolean): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], {
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ ok: code === 0, output }));
  });
}

async function runPhase(scripts: readonly string[]): Promise<PhaseResult[]> {
  // Side-by-side scripts keep their output until they end, so that it does not interleave.
  const quiet = scripts.length > 1;
  return Promise.all(
    scripts.map(async (script) => {
      const started = Date.now();
      const { ok, output } = await runScript(script, quiet);
      const seconds = Math.round((Date.now() - started) / 1000);
      if (quiet) process.stdout.write(`\n> ${script} (${ok ? "passed" : "FAILED"}, ${seconds} s)\n${output}`);
      return { script, ok, seconds };
    }),
  );
}

const { values } = parseArgs({ options: { from: { type: "string" } } });
const phases = phasesFrom(TEST_PHASES, values.from);
const results: PhaseResult[] = [];
const started = Date.now();
for (const phase of phases) {
  const phaseStarted = Date.now();
  const outcomes = await runPhase(phase);
  results.push(...outcomes);
  if (phase.length > 1) {
    console.log(`(${phase.join(", ")} side by side: ${Math.round((Date.now() - phaseStarted) / 1000)} s)`);
  }
  if (outcomes.some((outcome) => !outcome.ok)) break;
}

console.log("\nTest phases");
for (const result of results) {
  console.log(`  ${result.script.padEnd(16)} ${String(result.seconds).padStart(5)} s  ${result.ok ? "ok" : "FAILED"}`);
}
console.log(`  ${"total".padEnd(16)} ${String(Math.round((Date.now() - started) / 1000)).padStart(5)} s`);
const failed = results.filter((result) => !result.ok);
const complete = results.length === phases.flat().length;
process.exitCode = failed.length === 0 && complete ? 0 : 1;
