import { scaled } from "../lib/testing/test-slowness";
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";

import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";

import { consoleDatabaseBytes, queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, signOut, test } from "./fixtures/console-test";
import { consentAsMerchant, createInvitation, goToMobilePayAsMerchant } from "./fixtures/linking";
import { sandboxControl } from "./fixtures/sandbox-control";
import { E2E_CONSOLE_URL } from "./support/e2e-settings";

// Anna's Finnish merchant: no other spec unlinks it.
const ANNA_FI = { email: "anna@sandbox.test", password: "sandbox-demo", vat: "FI12345678", name: "Annan Leipomo Oy" };
// Mikko's merchant is only ever cancelled, so MobilePay always asks him for his consent.
const MIKKO_FI = { email: "mikko@sandbox.test", password: "sandbox-demo", vat: "FI87654321", name: "Mikon Sauna Oy" };

/** The integrator's onboarding page: records where merchants came back to. */
async function startReturnReceiver(): Promise<{ origin: string; arrivals: URL[]; close: () => Promise<void> }> {
  const arrivals: URL[] = [];
  const server = createServer((request, response) => {
    arrivals.push(new URL(request.url ?? "/", "http://receiver"));
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>Onboarding</title><h1>Back at onboarding</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A backend's HTTP client: no browser, no cookies, only what the test sends. */
async function backend(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: E2E_CONSOLE_URL });
}

/** Creates a key on the API keys page as the signed-in staff member and reads its secret, shown once. */
async function createKeyInUi(
  page: Page,
  name: string,
  scopes: string[],
  returnOrigins: string[] = [],
): Promise<string> {
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  // Typing before React hydrates the form would be lost.
  await expect(page.getByRole("button", { name: "Create API key" })).toBeEnabled();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Built-in sandbox").check();
  for (const scope of scopes) await page.getByLabel(scope).check();
  if (returnOrigins.length > 0) await page.getByLabel("Return URL origins").fill(returnOrigins.join("\n"));
  await page.getByRole("button", { name: "Create API key" }).click();
  const secret = page.getByTestId("api-key-secret");
  await expect(secret).toHaveText(/^mplc_test_[0-9A-Za-z]{40}$/);
  return (await secret.textContent())!;
}

async function linkAnnasFinnishMerchant(page: Page): Promise<string> {
  const { url } = await createInvitation(page, { merchantName: ANNA_FI.name, vatNumber: ANNA_FI.vat });
  await consentAsMerchant(page, url, ANNA_FI);
  await expect(page.getByRole("heading", { name: "You are connected" })).toBeVisible();
  const rows = await queryConsoleDatabase<{ id: string }>(
    `SELECT m.id FROM Merchant m JOIN MerchantTokenSet t ON t.merchantId = m.id
      WHERE m.vatNumber = ? AND m.unlinkedAt IS NULL ORDER BY m.createdAt DESC`,
    [ANNA_FI.vat],
  );
  expect(rows.length).toBeGreaterThan(0);
  return rows[0]!.id;
}

test.describe.configure({ mode: "serial" });

test.describe("[API] the integrator API and its keys", () => {
  test("[API]: an admin creates a key in the UI; it works at once, only on /api/v1, and revoking it refuses the next request", async ({
    page,
  }) => {
    test.setTimeout(scaled(90_000));
    await signInAs(page, "admin");
    const secret = await createKeyInUi(page, "Billing backend", ["merchants:read"]);
    const client = await backend();
    const bearer = { authorization: `Bearer ${secret}` };

    const listed = await client.get("/api/v1/merchants", { headers: bearer });
    expect(listed.status(), await listed.text()).toBe(200);
    expect(await listed.json()).toHaveProperty("data");
    expect(listed.headers()["x-frame-options"]).toBe("DENY");
    expect(listed.headers()["content-security-policy"]).toContain("default-src 'none'");

    // Staff cookies mean nothing on /api/v1, and a key means nothing on the console's own routes.
    const withCookieOnly = await page.request.get("/api/v1/merchants");
    expect(withCookieOnly.status()).toBe(401);
    expect(withCookieOnly.headers()["content-type"]).toBe("application/problem+json");
    const consoleRoute = await client.post("/api/api-keys", {
      headers: { ...bearer, origin: E2E_CONSOLE_URL },
      data: { name: "Sneaky", environments: ["sandbox"], scopes: ["merchants:read"] },
    });
    expect(consoleRoute.status()).toBe(401);

    // The secret is shown once: the list shows its last four, the database holds neither it nor its body.
    await page.reload();
    await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
    const row = page.getByTestId("api-key-row").filter({ hasText: "Billing backend" });
    await expect(row).toContainText(`mplc_test_…${secret.slice(-4)}`);
    await expect(row).toContainText("admin@example.com");
    await expect.poll(() => consoleDatabaseBytes().includes(secret.slice(10))).toBe(false);
    const events = await queryConsoleDatabase<{ action: string }>(
      `SELECT action FROM AuditEvent WHERE action LIKE 'api_key.%' AND details LIKE ?`,
      [`%${secret.slice(-4)}%`],
    );
    expect(events.map((event) => event.action)).toEqual(["api_key.created"]);

    await row.getByRole("button", { name: "Revoke Billing backend" }).click();
    await row.getByRole("button", { name: "Confirm revoke" }).click();
    await expect(row).toContainText("revoked");
    const refused = await client.get("/api/v1/merchants", { headers: bearer });
    expect(refused.status()).toBe(401);
    const unknown = await client.get("/api/v1/merchants", {
      headers: { authorization: `Bearer mplc_test_${"x".repeat(40)}` },
    });
    expect(await refused.text()).toBe(await unknown.text());
    await client.dispose();
  });

  test("[API]: support sees the key list and nothing more; integrators do not see the page; demo keys are sandbox-only", async ({
    page,
  }) => {
    await signInAs(page, "support");
    await page.goto("/api-keys");
    await expect(page.getByRole("table", { name: "API keys" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    const created = await page.request.post("/api/api-keys", {
      headers: { origin: E2E_CONSOLE_URL },
      data: { name: "Support key", environments: ["sandbox"], scopes: ["merchants:read"] },
    });
    expect(created.status()).toBe(403);
    await signOut(page);

    await signInAs(page, "integrator");
    await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
    expect((await page.goto("/api-keys"))?.status()).toBe(403);
    await signOut(page);

    await signInAs(page, "demo");
    const secret = await createKeyInUi(page, "Demo backend", ["merchants:read"]);
    expect(secret).toMatch(/^mplc_test_/);
    const live = await page.request.post("/api/api-keys", {
      headers: { origin: E2E_CONSOLE_URL },
      data: { name: "Demo live", environments: ["production"], scopes: ["merchants:read"] },
    });
    expect(live.status()).toBeGreaterThanOrEqual(400);
    expect(live.status()).toBeLessThan(500);
  });

  test("[API]: a backend gets a merchant's token and calls Invoice through the proxy; the console shows both", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInAs(page, "admin");
    const merchantId = await linkAnnasFinnishMerchant(page);
    const secret = await createKeyInUi(page, "Invoicing", ["tokens:issue", "proxy:invoice"]);
    const client = await backend();
    const bearer = { authorization: `Bearer ${secret}` };

    const token = await client.post(`/api/v1/merchants/${merchantId}/access-token`, { headers: bearer });
    expect(token.status(), await token.text()).toBe(200);
    const body = (await token.json()) as { access_token: string; expires_at: string; token_type: string };
    expect(body.token_type).toBe("Bearer");
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now());

    await sandboxControl("DELETE", "/control/api-requests");
    const tricks = ["api/v1%2F..%2F..%2Fcontrol%2Fstate", "api/..%5ccontrol", "control/state"];
    for (const path of tricks) {
      const refused = await client.get(`/api/v1/merchants/${merchantId}/proxy/invoice/${path}`, { headers: bearer });
      expect(refused.status(), path).toBe(400);
    }
    const { requests } = (await sandboxControl("GET", "/control/api-requests")) as { requests: unknown[] };
    expect(requests).toEqual([]);

    const me = await client.get(`/api/v1/merchants/${merchantId}/proxy/invoice/api/v1/merchants/me`, {
      headers: bearer,
    });
    expect(me.status(), await me.text()).toBe(200);
    expect(me.headers()["correlationid"]).toBeTruthy();

    // The example a backend developer copies, run as they would run it, with the key made in the UI.
    const example = await promisify(execFile)(
      path.join("node_modules", ".bin", "tsx"),
      [path.join("examples", "create-invoice.ts")],
      {
        env: { ...process.env, CONSOLE_URL: E2E_CONSOLE_URL, CONSOLE_API_KEY: secret, MERCHANT_ID: merchantId },
        timeout: 60_000,
      },
    );
    expect(example.stdout).toContain("Access token valid until");
    expect(example.stdout).toMatch(/Created invoice .*InvoiceId/);
    await expect
      .poll(
        async () =>
          (
            await queryConsoleDatabase<{ n: number }>(
              `SELECT COUNT(*) AS n FROM SampleCall WHERE merchantId = ? AND operation = 'proxy.invoice' AND method = 'POST' AND responseStatus = 200`,
              [merchantId],
            )
          )[0]?.n,
      )
      .toBe(1);

    await page.goto(`/merchants/${merchantId}/token-handouts`);
    await expect(page.getByTestId("token-handout-row").first()).toContainText("Invoicing");
    await page.goto("/api-keys");
    await expect(page.getByTestId("token-handout-summary-row").filter({ hasText: "Invoicing" })).toContainText(
      ANNA_FI.name,
    );
    await client.dispose();
  });

  test("[API]: a consent link made with a return URL sends the merchant back to it with the outcome, consented or failed", async ({
    page,
    browser,
  }) => {
    test.setTimeout(scaled(150_000));
    const receiver = await startReturnReceiver();
    await signInAs(page, "admin");
    const secret = await createKeyInUi(page, "Onboarding page", ["consent-links:write"], [receiver.origin]);
    const client = await backend();
    const cases = [
      { user: ANNA_FI, decision: "Allow", expected: { status: "consented" } },
      { user: MIKKO_FI, decision: "Cancel", expected: { status: "failed", error: "access_denied" } },
    ] as const;
    for (const { user, decision, expected } of cases) {
      const returnUrl = `${receiver.origin}/onboarding/done?ref=${user.vat}`;
      const created = await client.post("/api/v1/consent-links", {
        headers: { authorization: `Bearer ${secret}` },
        data: {
          merchant_name: user.name,
          vat_number: user.vat,
          products: ["invoice"],
          environment: "sandbox",
          return_url: returnUrl,
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const link = (await created.json()) as { id: string; url: string; return_url: string };
      expect(link.return_url).toBe(returnUrl);

      // The merchant's own browser: no staff session, no MobilePay session.
      const merchantContext = await browser.newContext();
      const merchant = await merchantContext.newPage();
      await goToMobilePayAsMerchant(merchant, link.url);
      const login = merchant.getByRole("button", { name: "Log in" });
      const answer = merchant.getByRole("button", { name: decision });
      if (await login.isVisible()) {
        await merchant.getByLabel("Email").fill(user.email);
        await merchant.getByLabel("Password").fill(user.password);
        await login.click();
      }
      // A merchant who already granted access is not asked again, and comes straight back.
      await expect(answer.or(merchant.getByText("Back at onboarding"))).toBeVisible();
      if (await answer.isVisible()) await answer.click();
      await expect(merchant.getByRole("heading", { name: "Back at onboarding" })).toBeVisible();

      const landed = new URL(merchant.url());
      expect(landed.origin + landed.pathname).toBe(`${receiver.origin}/onboarding/done`);
      expect(Object.fromEntries(landed.searchParams)).toEqual({
        ref: user.vat,
        consent_link_id: link.id,
        ...expected,
      });
      expect(receiver.arrivals.filter((arrival) => arrival.pathname === "/onboarding/done").at(-1)?.search).toBe(
        landed.search,
      );
      await merchantContext.close();

      const followed = await client.get(`/api/v1/consent-links/${link.id}`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(await followed.json()).toMatchObject({ state: expected.status });
    }
    expect(receiver.arrivals.filter((arrival) => arrival.pathname === "/onboarding/done")).toHaveLength(cases.length);
    await client.dispose();
    await receiver.close();
  });

  test("[API]: staff read the API reference, rendered by Scalar from the OpenAPI document within the console's CSP", async ({
    page,
  }) => {
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== E2E_CONSOLE_URL) elsewhere.push(request.url());
    });
    await signInAs(page, "support");
    await page.getByRole("link", { name: "API", exact: true }).click();
    await expect(page.getByRole("heading", { name: "API", level: 1 })).toBeVisible();
    const reference = page.getByTestId("api-reference");
    await expect(reference.getByText("/merchants/{merchantId}/access-token").first()).toBeVisible();
    await expect(reference.getByText("/consent-links", { exact: true }).first()).toBeVisible();
    await expect(reference.getByText("/merchants", { exact: true }).first()).toBeVisible();
    expect(cspViolations).toEqual([]);
    expect(elsewhere).toEqual([]);
    const document = await page.request.get("/api/v1/openapi.json");
    expect(document.status()).toBe(200);
    expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});
