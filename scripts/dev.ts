/**
 * `npm run dev`: everything a development or demo install needs, in one
 * command — generated secrets, migrated and seeded SQLite database, the
 * built-in MobilePay sandbox and the console.
 */
import { devSecretsAsEnv, loadOrCreateDevSecrets } from "@/lib/config/dev-secrets";
import { createPrismaClient } from "@/lib/db/create-client";
import { DEFAULT_DATABASE_URL } from "@/lib/db/database-url";

import { DEMO_STAFF } from "../prisma/demo-staff";
import { consoleAnswers, isFreshInstall, loadDemoThroughConsole, warmUpConsentPages } from "./demo-preload";
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
const database = createPrismaClient(env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
const preloadDemo = sandboxEnabled && env.DEMO_PRELOAD !== "false" && (await isFreshInstall(database));
await database.$disconnect();

const group = new ProcessGroup();
group.stopOnSignals();
if (sandboxEnabled) {
  group.start("MobilePay sandbox", bin("tsx"), ["sandbox/server.ts"], { env });
}
group.start("console", bin("next"), ["dev", "--port", consolePort], { env });
console.log(
  `\nMobilePay Link Console: http://localhost:${consolePort} (demo staff accounts are listed in the README)\n`,
);

// A fresh clone lands on a console with something to show: the demo merchants, linked the way the Demo page does.
if (preloadDemo) {
  const consoleUrl = env.NEXTAUTH_URL ?? `http://localhost:${consolePort}`;
  const demo = DEMO_STAFF.find((staff) => staff.role === "demo")!;
  const later = "Open Demo → Load demo merchants to try again.";
  void (async () => {
    // The first compile of a page in development can take minutes on a small machine.
    if (!(await consoleAnswers(consoleUrl, 10 * 60_000))) {
      console.error(`The console did not answer in time, so the demo merchants were not loaded. ${later}`);
      return;
    }
    console.log("Loading the demo merchants through the sandbox's consent flow (first start only)…");
    await warmUpConsentPages(consoleUrl);
    try {
      const { linked } = await loadDemoThroughConsole(consoleUrl, demo);
      console.log(`Demo ready: ${linked} sandbox merchants linked, in every state. Sign in as ${demo.email}.`);
    } catch (error) {
      console.error(
        `The demo merchants were not loaded: ${error instanceof Error ? error.message : String(error)}. ${later}`,
      );
    }
  })();
}
