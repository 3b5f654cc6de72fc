import path from "node:path";

import { defineConfig, devices } from "@playwright/test";

import {
  E2E_CONSOLE_PORT,
  E2E_CONSOLE_URL,
  E2E_DATA_DIR,
  E2E_DATABASE_URL,
  E2E_SANDBOX_PORT,
  E2E_SANDBOX_URL,
} from "./e2e/support/e2e-settings";
import { devSecretsAsEnv, loadOrCreateDevSecrets } from "./lib/config/dev-secrets";
import { scaled, TEST_SLOWNESS_ENV, testSlowness } from "./lib/testing/test-slowness";

const secrets = devSecretsAsEnv(loadOrCreateDevSecrets());
// Measured once here (the runner loads this file before its workers, which inherit the factor).
if (process.env[TEST_SLOWNESS_ENV] === undefined) {
  console.log(`Timeouts stretched ${testSlowness()}× for this machine's load (set ${TEST_SLOWNESS_ENV} to choose)`);
}
const sharedEnv = { ...secrets, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" };

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: scaled(30_000),
  expect: { timeout: scaled(10_000) },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_CONSOLE_URL,
    locale: "en-GB",
    timezoneId: "Europe/Copenhagen",
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    contextOptions: { reducedMotion: "reduce" },
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's Chromium; a laptop may point this at Playwright's own browser.
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      name: "sandbox",
      command: "node_modules/.bin/tsx e2e/support/start-sandbox.ts",
      url: `${E2E_SANDBOX_URL}/merchant-authentication-openidconnect/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      timeout: scaled(60_000),
      env: {
        ...sharedEnv,
        SANDBOX_PORT: String(E2E_SANDBOX_PORT),
        SANDBOX_PUBLIC_URL: E2E_SANDBOX_URL,
        SANDBOX_DATA_DIR: path.join(E2E_DATA_DIR, "sandbox"),
        SANDBOX_REDIRECT_URIS: `${E2E_CONSOLE_URL}/api/auth/callback/mobilepay-sandbox`,
      },
    },
    {
      name: "console",
      command: "node_modules/.bin/tsx e2e/support/start-console.ts",
      url: `${E2E_CONSOLE_URL}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: scaled(240_000),
      env: {
        ...sharedEnv,
        NODE_ENV: "production",
        PORT: String(E2E_CONSOLE_PORT),
        DATABASE_URL: E2E_DATABASE_URL,
        NEXTAUTH_URL: E2E_CONSOLE_URL,
        SANDBOX_ENABLED: "true",
        SANDBOX_URL: E2E_SANDBOX_URL,
        // The suite's admins sign in with a password alone; e2e/second-factor.spec.ts runs a console that insists.
        STAFF_ADMIN_SECOND_FACTOR: "false",
        // The webhook specs' receivers listen on 127.0.0.1, which only this explicit setting allows.
        WEBHOOK_ALLOW_LOOPBACK: "true",
        WEBHOOK_POLL_MS: "250",
      },
    },
  ],
});
