/**
 * `npm run dev`: everything a development or demo install needs, in one
 * command — generated secrets, migrated and seeded SQLite database, the
 * built-in MobilePay sandbox and the console.
 */
import { devSecretsAsEnv, loadOrCreateDevSecrets } from "@/lib/config/dev-secrets";
import { DEFAULT_DATABASE_URL } from "@/lib/db/database-url";

import { ProcessGroup, runToCompletion } from "./process-group";

const env: NodeJS.ProcessEnv = {
  ...devSecretsAsEnv(loadOrCreateDevSecrets()),
  DATABASE_URL: DEFAULT_DATABASE_URL,
  NEXT_TELEMETRY_DISABLED: "1",
  ...process.env,
};
const sandboxEnabled = env.SANDBOX_ENABLED !== "false" && env.SANDBOX_ENABLED !== "0";
const consolePort = env.PORT ?? "3000";
const bin = (name: string) => `node_modules/.bin/${name}`;

await runToCompletion(bin("prisma"), ["migrate", "deploy"], { env });
await runToCompletion(bin("tsx"), ["prisma/seed.ts"], { env });

const group = new ProcessGroup();
group.stopOnSignals();
if (sandboxEnabled) {
  group.start("MobilePay sandbox", bin("tsx"), ["sandbox/server.ts"], { env });
}
group.start("console", bin("next"), ["dev", "--port", consolePort], { env });
console.log(
  `\nMobilePay Link Console: http://localhost:${consolePort} (demo staff accounts are listed in the README)\n`,
);
