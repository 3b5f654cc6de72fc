import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { startThrowawayPostgres } from "../../../scripts/throwaway-postgres";
import { ControlClient } from "../../../sandbox/test/support/control-client";
import { linkAndRedeem } from "../../../sandbox/test/support/hybrid-flow";
import {
  CONSOLE_CLIENT,
  CONTROL_TOKEN,
  startTestSandbox,
  type TestClient,
  type TestSandbox,
} from "../../../sandbox/test/support/test-sandbox";

/**
 * A console database in a temporary folder plus a real sandbox OP, wired
 * through the environment the console reads, for token-lifecycle tests.
 */
export type LifecycleHarness = {
  sandbox: TestSandbox;
  control: ControlClient;
  env: Record<string, string>;
  linkMerchant(user: { email: string; password: string; vat: string; client?: TestClient }): Promise<string>;
  refreshesServed(clientId?: string): Promise<number>;
  close(): Promise<void>;
};

export async function startLifecycleHarness(): Promise<LifecycleHarness> {
  const directory = await mkdtemp(path.join(tmpdir(), "console-lifecycle-"));
  const sandbox = await startTestSandbox();
  // The same suite runs on the embedded SQLite default and, with TEST_DATABASE=postgresql, on a real server.
  const postgres = process.env.TEST_DATABASE === "postgresql" ? await startThrowawayPostgres() : undefined;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    DATABASE_URL: postgres?.url ?? `file:${path.join(directory, "console.db")}`,
    NEXTAUTH_URL: "http://localhost:3000",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEYS: `test:${randomBytes(32).toString("base64")}`,
    SANDBOX_ENABLED: "true",
    SANDBOX_URL: sandbox.url,
    SANDBOX_CLIENT_ID: CONSOLE_CLIENT.clientId,
    SANDBOX_CLIENT_SECRET: CONSOLE_CLIENT.clientSecret,
    SANDBOX_CONTROL_TOKEN: CONTROL_TOKEN,
    KEEPALIVE_ENABLED: "false",
    LOG_LEVEL: "error",
  };
  Object.assign(process.env, env);
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  const control = new ControlClient(sandbox.url);
  const { getDb } = await import("@/lib/db/client");
  const { encryptTokenSet } = await import("@/lib/tokens/encrypt-token-set");
  const { decodeJwtClaims } = await import("@/lib/tokens/decode-jwt-claims");

  return {
    sandbox,
    control,
    env,
    async linkMerchant({ email, password, vat, client = CONSOLE_CLIENT }) {
      const tokens = await linkAndRedeem(sandbox.url, {
        email,
        password,
        client,
        merchantVat: vat,
        scope: "openid offline_access invoice subscriptions",
      });
      const decoded = decodeJwtClaims(tokens.idTokenFromTokenEndpoint);
      const claims = "claims" in decoded ? decoded.claims : {};
      const db = getDb();
      const merchant = await db.merchant.create({
        data: {
          environment: "sandbox",
          mobilePayId: String(claims.merchant_id),
          vatNumber: vat,
          name: `Merchant ${vat}`,
          subject: String(claims.sub),
          issuer: String(claims.iss),
          products: "invoice subscriptions",
        },
      });
      await db.merchantTokenSet.create({
        data: {
          merchantId: merchant.id,
          ...encryptTokenSet("sandbox", merchant.id, {
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken,
            idToken: tokens.idTokenFromTokenEndpoint,
          }),
          accessTokenExpiresAt: new Date(Date.now() + 300_000),
          accessTokenIssuedAt: new Date(),
          grantedScopes: "openid offline_access invoice subscriptions",
        },
      });
      return merchant.id;
    },
    async refreshesServed(clientId = CONSOLE_CLIENT.clientId) {
      const state = await control.state();
      return state.tokenEndpoint[clientId]?.refreshesServed ?? 0;
    },
    async close() {
      await sandbox.stop();
      const { getDb } = await import("@/lib/db/client");
      await getDb().$disconnect();
      postgres?.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
