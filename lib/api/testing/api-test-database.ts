import { afterAll, beforeAll } from "vitest";

import type { Database } from "@/lib/db/create-client";
import {
  reuseTestEnvironment,
  startLifecycleHarness,
  type LifecycleHarness,
} from "@/lib/tokens/testing/lifecycle-harness";
import { REUSE_CLIENT } from "../../../sandbox/test/support/test-sandbox";

/**
 * For integrator API tests: a console database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql) and a
 * sandbox that also stands in for "production", so environment isolation between a test key and a live
 * key can be exercised. `ready` gets the harness and imports the modules under test itself.
 */
export function withApiTestDatabase(ready: (db: Database, harness: LifecycleHarness) => Promise<void> | void): void {
  let harness: LifecycleHarness | undefined;
  beforeAll(async () => {
    harness = await startLifecycleHarness({
      extraEnv: (sandboxUrl) => ({
        ...reuseTestEnvironment(sandboxUrl),
        MOBILEPAY_PRODUCTION_DISCOVERY_URL: `${sandboxUrl}/merchant-authentication-openidconnect/.well-known/openid-configuration`,
        MOBILEPAY_PRODUCTION_ISSUER: `${sandboxUrl}/merchant`,
        MOBILEPAY_PRODUCTION_CLIENT_ID: REUSE_CLIENT.clientId,
        MOBILEPAY_PRODUCTION_CLIENT_SECRET: REUSE_CLIENT.clientSecret,
        MOBILEPAY_PRODUCTION_REDIRECT_URI: REUSE_CLIENT.redirectUri,
        MOBILEPAY_PRODUCTION_INVOICE_API_BASE: `${sandboxUrl}/invoice-restapi`,
        MOBILEPAY_PRODUCTION_SUBSCRIPTIONS_API_BASE: `${sandboxUrl}/subscriptions`,
      }),
    });
    await ready((await import("@/lib/db/client")).getDb(), harness);
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });
}
