import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

import { LOAD_PLAN_VARIABLE, type LoadPlan, type LoadReport } from "./load-driver-plan";

const run = promisify(execFile);

/**
 * Runs bench/support/load-driver.ts in a second process and returns what it measured. The plan holds a
 * staff session cookie or an API key, so it travels in the environment: arguments show in `ps` and in the message of a
 * failed command.
 */
export async function driveLoad(plan: LoadPlan): Promise<LoadReport> {
  const { stdout } = await run(
    path.join("node_modules", ".bin", "tsx"),
    [path.join("bench", "support", "load-driver.ts")],
    {
      env: { ...process.env, [LOAD_PLAN_VARIABLE]: JSON.stringify(plan) },
      timeout: (plan.maxSeconds + 30) * 1000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const last = stdout.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as LoadReport;
}
