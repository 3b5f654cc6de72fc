/**
 * Starts the console for the e2e suite the way production runs it: a fresh
 * database, migrated and seeded, then `next build` and `next start`.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import { ProcessGroup, runToCompletion } from "../../scripts/process-group";

import { E2E_CONSOLE_PORT, E2E_DATA_DIR } from "./e2e-settings";

const bin = (name: string) => path.join("node_modules", ".bin", name);

rmSync(path.join(E2E_DATA_DIR, "console.db"), { force: true });
mkdirSync(E2E_DATA_DIR, { recursive: true });
await runToCompletion(bin("prisma"), ["migrate", "deploy"]);
// The seed refuses production on purpose; the e2e database is a development one.
await runToCompletion(bin("tsx"), ["prisma/seed.ts"], { env: { ...process.env, NODE_ENV: "development" } });
if (process.env.E2E_SKIP_BUILD !== "1") {
  await runToCompletion(bin("next"), ["build"]);
}
const group = new ProcessGroup();
group.stopOnSignals();
group.start("console", bin("next"), ["start", "--port", String(E2E_CONSOLE_PORT)]);
