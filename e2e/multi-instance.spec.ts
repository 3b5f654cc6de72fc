import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";

import { hashApiKeySecret, lastFourOf, newApiKeySecret } from "../lib/api-keys/api-key-secret";
import type { Database } from "../lib/db/create-client";
import { scaled } from "../lib/testing/test-slowness";
import type { ThrowawayPostgres } from "../scripts/throwaway-postgres";

import { expect, test } from "./fixtures/console-test";
import { PORTAL_USERS, sandboxControl } from "./fixtures/sandbox-control";
import { freePorts, startConsoleInstances, startSharedDatabase, stopProcesses } from "./support/console-instances";
import { spawnServer, waitUntilAnswering } from "./support/spawned-console";

/**
 * Two console instances behind one (imagined) load balancer, sharing one
 * PostgreSQL database: what instances coordinate must happen exactly once.
 */
const STAFF = {
  email: "ops@example.com",
  name: "Olga Ops",
  role: "integrator",
  password: "multi-instance-pass",
} as const;
const CLIENT = { id: "mobilepay-link-console", secret: randomBytes(18).toString("base64url") };
const CONTROL_TOKEN = randomBytes(18).toString("base64url");

// Picked when the suite starts, so it never collides with another run or a server already listening.
let portA: number;
let portB: number;
let publicUrl: string;
let sandboxUrl: string;
let postgres: ThrowawayPostgres;
let db: Database;
const processes: ChildProcess[] = [];

type TokenEndpointCounters = { refreshesServed: number; authorizationCodesServed: number };

async function counters(): Promise<TokenEndpointCounters> {
  const control = { url: sandboxUrl, token: CONTROL_TOKEN };
  const state = (await sandboxControl("GET", "/control/state", undefined, control)) as {
    tokenEndpoint: Record<string, TokenEndpointCounters>;
  };
  return state.tokenEndpoint[CLIENT.id] ?? { refreshesServed: 0, authorizationCodesServed: 0 };
}

test.describe.configure({ mode: "serial" });

test.describe("[SCALE] two console instances on one PostgreSQL database", () => {
  test.skip(!existsSync(path.join(".next", "BUILD_ID")), "needs the production build the e2e suite makes");

  test.beforeAll(async () => {
    test.setTimeout(scaled(120_000));
    const [first, second, sandboxPort] = (await freePorts(3)) as [number, number, number];
    portA = first;
    portB = second;
    publicUrl = `http://localhost:${portA}`;
    sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    ({ postgres, db } = await startSharedDatabase(STAFF));
    const sandbox = spawnServer({
      command: path.join("node_modules", ".bin", "tsx"),
      args: ["sandbox/server.ts"],
      url: sandboxUrl,
      directory: postgres.directory,
      name: "sandbox",
      env: {
        ...process.env,
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_DATA_DIR: path.join(postgres.directory, "sandbox"),
        SANDBOX_CLIENT_ID: CLIENT.id,
        SANDBOX_CLIENT_SECRET: CLIENT.secret,
        SANDBOX_CONTROL_TOKEN: CONTROL_TOKEN,
        SANDBOX_REDIRECT_URIS: `${publicUrl}/api/auth/callback/mobilepay-sandbox`,
      },
    });
    processes.push(sandbox.process);
    await waitUntilAnswering(
      sandbox,
      "/merchant-authentication-openidconnect/.well-known/openid-configuration",
      scaled(60_000),
    );
    await startConsoleInstances({
      ports: [portA, portB],
      postgres,
      name: "multi",
      processes,
      env: {
        SANDBOX_ENABLED: "true",
        SANDBOX_URL: sandboxUrl,
        SANDBOX_CLIENT_ID: CLIENT.id,
        SANDBOX_CLIENT_SECRET: CLIENT.secret,
        SANDBOX_CONTROL_TOKEN: CONTROL_TOKEN,
        KEEPALIVE_ENABLED: "true",
        KEEPALIVE_INTERVAL_SECONDS: "2",
        KEEPALIVE_REFRESH_AFTER_HOURS: "1",
      },
    });
  });

  test.afterAll(async () => {
    // The consoles let go of their connections before the database stops.
    await stopProcesses(processes);
    await db?.$disconnect();
    postgres?.stop();
  });

  test("[SCALE]: a consent callback delivered to both instances redeems its code once", async ({ page, browser }) => {
    const { request } = page;
    await page.goto(`${publicUrl}/sign-in`);
    await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
    await page.getByLabel("Email").fill(STAFF.email);
    await page.getByLabel("Password").fill(STAFF.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("current-staff")).toHaveText("Olga Ops");
    const created = await request.post(`${publicUrl}/api/invitations`, {
      headers: { origin: publicUrl },
      data: {
        merchantName: "Annas Bageri",
        vatNumber: PORTAL_USERS.anna.vat,
        products: ["invoice"],
        environment: "sandbox",
      },
    });
    expect(created.status()).toBe(200);
    const { url } = (await created.json()) as { url: string };

    const merchantContext = await browser.newContext();
    const merchant = await merchantContext.newPage();
    // Hold the browser's form_post, then deliver the same POST to both instances at once.
    let callback: { body: string; contentType: string } | undefined;
    await merchant.route("**/api/auth/callback/mobilepay-sandbox", async (route) => {
      callback = {
        body: route.request().postData() ?? "",
        contentType: route.request().headers()["content-type"] ?? "",
      };
      await route.fulfill({ status: 200, contentType: "text/plain", body: "held" });
    });
    await merchant.goto(url);
    await merchant.getByRole("button", { name: "Continue to MobilePay" }).click();
    await merchant.getByLabel("Email").fill(PORTAL_USERS.anna.email);
    await merchant.getByLabel("Password").fill(PORTAL_USERS.anna.password);
    await merchant.getByRole("button", { name: "Log in" }).click();
    await merchant.getByRole("button", { name: "Allow" }).click();
    await expect.poll(() => callback).toBeDefined();

    const before = await counters();
    const deliveries = await Promise.all(
      [portA, portB].map((port) =>
        merchantContext.request.post(`http://localhost:${port}/api/auth/callback/mobilepay-sandbox`, {
          headers: { "content-type": callback!.contentType, origin: sandboxUrl },
          data: callback!.body,
          maxRedirects: 0,
        }),
      ),
    );
    const outcomes = deliveries
      .map((response) => new URL(response.headers().location ?? "", publicUrl).searchParams.get("outcome"))
      .sort();
    expect(outcomes).toEqual(["failed", "linked"]);
    const after = await counters();
    expect(after.authorizationCodesServed - before.authorizationCodesServed).toBe(1);
    expect(await db.merchantTokenSet.count()).toBe(1);
    await merchantContext.close();
  });

  test("[SCALE]: concurrent token requests on both instances refresh an expired merchant once", async ({ browser }) => {
    const merchant = await db.merchant.findFirstOrThrow({ where: { vatNumber: PORTAL_USERS.anna.vat } });
    await db.merchantTokenSet.update({
      where: { merchantId: merchant.id },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const signedIn = await Promise.all(
      [portA, portB].map(async (port) => {
        const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
        const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
        const signIn = await context.request.post("/api/auth/callback/credentials", {
          form: { csrfToken: csrf.csrfToken, email: STAFF.email, password: STAFF.password, json: "true" },
        });
        expect(signIn.ok()).toBe(true);
        return { context, port };
      }),
    );
    const before = await counters();
    const responses = await Promise.all(
      signedIn.flatMap(({ context, port }) =>
        Array.from({ length: 20 }, () =>
          context.request.post(`/api/merchants/${merchant.id}/ensure-token`, {
            headers: { origin: `http://localhost:${port}` },
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.status())).toEqual(Array(40).fill(200));
    const after = await counters();
    expect(after.refreshesServed - before.refreshesServed).toBe(1);
    for (const { context } of signedIn) await context.close();
  });

  test("[SCALE]: 200 concurrent API token handouts on both instances refresh an expired merchant once", async () => {
    test.setTimeout(120_000);
    const merchant = await db.merchant.findFirstOrThrow({ where: { vatNumber: PORTAL_USERS.anna.vat } });
    const secret = newApiKeySecret("test");
    const key = await db.apiKey.create({
      data: {
        name: "Load test",
        secretHash: hashApiKeySecret(secret),
        lastFour: lastFourOf(secret),
        environments: "sandbox",
        scopes: "tokens:issue",
        createdById: "test",
        createdByLabel: "test",
      },
    });
    await db.merchantTokenSet.update({
      where: { merchantId: merchant.id },
      data: { accessTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const before = await counters();
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const port = index % 2 === 0 ? portA : portB;
        const response = await fetch(`http://localhost:${port}/api/v1/merchants/${merchant.id}/access-token`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}` },
        });
        return { status: response.status, body: (await response.json()) as { access_token?: string } };
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(200));
    expect(new Set(answers.map((answer) => answer.body.access_token)).size).toBe(1);
    const after = await counters();
    expect(after.refreshesServed - before.refreshesServed).toBe(1);
    expect(await db.tokenHandout.count({ where: { apiKeyId: key.id, merchantId: merchant.id } })).toBe(200);
  });

  test("[SCALE]: keep-alive runs on both instances without refreshing a link twice", async () => {
    test.setTimeout(scaled(60_000));
    const merchant = await db.merchant.findFirstOrThrow({ where: { vatNumber: PORTAL_USERS.anna.vat } });
    const before = await counters();
    await db.merchantTokenSet.update({
      where: { merchantId: merchant.id },
      data: { lastRefreshedAt: new Date(Date.now() - 2 * 3600_000) },
    });
    await expect
      .poll(async () => (await counters()).refreshesServed - before.refreshesServed, { timeout: scaled(20_000) })
      .toBe(1);
    // Several more sweeps, by each instance, finish: the link is no longer due, so nothing more happens.
    const refreshedAt = new Date();
    await expect
      .poll(
        async () => {
          const later = await db.schedulerRun.findMany({
            where: { job: "keep-alive", startedAt: { gt: refreshedAt }, finishedAt: { not: null } },
          });
          return { sweeps: later.length >= 4, byBothInstances: new Set(later.map((run) => run.instanceId)).size };
        },
        { timeout: scaled(30_000) },
      )
      .toEqual({ sweeps: true, byBothInstances: 2 });
    expect((await counters()).refreshesServed - before.refreshesServed).toBe(1);
    const runs = await db.schedulerRun.findMany({ where: { job: "keep-alive" } });
    expect(runs.reduce((sum, run) => sum + run.succeeded, 0)).toBe(1);
  });
});
