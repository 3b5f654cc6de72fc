import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { inject } from "vitest";

import { withDatabase } from "../../testing/console-database-template";
import { ControlClient } from "../../../sandbox/test/support/control-client";
import { linkAndRedeem } from "../../../sandbox/test/support/hybrid-flow";
import {
  CONSOLE_CLIENT,
  CONTROL_TOKEN,
  REUSE_CLIENT,
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
  /** Links through the sandbox portal; `environment` is the console environment the client belongs to. */
  linkMerchant(user: {
    email: string;
    password: string;
    vat: string;
    client?: TestClient;
    environment?: string;
  }): Promise<string>;
  refreshesServed(clientId?: string): Promise<number>;
  close(): Promise<void>;
};

/**
 * The console environment "test" (MobilePay's own sandbox in production installs) pointed at the test
 * sandbox with its ReUse client, so one console can hold OneTime ("sandbox") and ReUse ("test") links.
 */
export function reuseTestEnvironment(sandboxUrl: string): Record<string, string> {
  return {
    MOBILEPAY_TEST_DISCOVERY_URL: `${sandboxUrl}/merchant-authentication-openidconnect/.well-known/openid-configuration`,
    MOBILEPAY_TEST_ISSUER: `${sandboxUrl}/merchant`,
    MOBILEPAY_TEST_CLIENT_ID: REUSE_CLIENT.clientId,
    MOBILEPAY_TEST_CLIENT_SECRET: REUSE_CLIENT.clientSecret,
    MOBILEPAY_TEST_REDIRECT_URI: REUSE_CLIENT.redirectUri,
    MOBILEPAY_TEST_INVOICE_API_BASE: `${sandboxUrl}/invoice-restapi`,
    MOBILEPAY_TEST_SUBSCRIPTIONS_API_BASE: `${sandboxUrl}/subscriptions`,
  };
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated console database of this file's own, copied from the run's template (see Vitest's global setup). */
async function copyConsoleDatabase(directory: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = inject("consoleDatabaseTemplate");
  if (template.kind === "sqlite") {
    const file = path.join(directory, "console.db");
    await copyFile(template.file, file);
    return { url: `file:${file}`, drop: async () => {} };
  }
  const name = `file_${randomBytes(6).toString("hex")}`;
  await onServer(template.serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`));
  return {
    url: withDatabase(template.serverUrl, name),
    drop: () =>
      onServer(template.serverUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`)).then(() => {}),
  };
}

export async function startLifecycleHarness(
  options: { extraEnv?: (sandboxUrl: string) => Record<string, string> } = {},
): Promise<LifecycleHarness> {
  const directory = await mkdtemp(path.join(tmpdir(), "console-lifecycle-"));
  const sandbox = await startTestSandbox();
  // The same suite runs on the embedded SQLite default and, with TEST_DATABASE=postgresql, on a real server.
  const database = await copyConsoleDatabase(directory);
  const env: Record<string, string> = {
    NODE_ENV: "test",
    DATABASE_URL: database.url,
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
    ...options.extraEnv?.(sandbox.url),
  };
  Object.assign(process.env, env);
  const control = new ControlClient(sandbox.url);
  const { getDb } = await import("@/lib/db/client");
  const { encryptTokenSet } = await import("@/lib/tokens/encrypt-token-set");
  const { decodeJwtClaims } = await import("@/lib/tokens/decode-jwt-claims");

  return {
    sandbox,
    control,
    env,
    async linkMerchant({ email, password, vat, client = CONSOLE_CLIENT, environment = "sandbox" }) {
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
          environment,
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
          ...encryptTokenSet(environment, merchant.id, {
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
      await database.drop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
