import type { Page } from "@playwright/test";

import { scaled } from "../lib/testing/test-slowness";

import { queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";
import { linkThroughConsent } from "./fixtures/linking";

// Anna's Finnish merchant: no other spec unlinks it.
const ANNA_FI = { email: "anna@sandbox.test", password: "sandbox-demo", vat: "FI12345678", name: "Annan Leipomo Oy" };

type RunResult = { call: { id: string; responseStatus: number | null; outcome: string } };

/** Chooses a sample call, lets the test adjust the form, runs it and waits until the history has it. */
async function runCall(page: Page, label: string, adjust?: () => Promise<void>): Promise<RunResult> {
  // A choice made before React hydrates the picker would be lost.
  await expect(page.locator("form[data-hydrated=true]").first()).toBeVisible();
  await page.getByLabel("Sample call", { exact: true }).selectOption({ label });
  await expect(page.locator(`form[data-hydrated=true][aria-label="${label}"]`)).toBeVisible();
  if (adjust) await adjust();
  const posted = page.waitForResponse(
    (response) => response.url().endsWith("/calls") && response.request().method() === "POST",
  );
  await page.getByRole("button", { name: "Run call" }).click();
  const response = await posted;
  expect(response.status(), await response.text()).toBe(200);
  const result = (await response.json()) as RunResult;
  await expect(page.getByRole("table", { name: "Sample call history" }).locator("tr.bg-blue-50")).toBeVisible();
  return result;
}

test.describe.configure({ mode: "serial" });

test.describe("[CALLS] sample calls on a linked sandbox merchant", () => {
  test("[CALLS]: an integrator creates an invoice and an agreement, simulates acceptance and sees status and callbacks", async ({
    page,
  }) => {
    test.setTimeout(scaled(120_000));
    await signInAs(page, "integrator");
    const merchantId = await linkThroughConsent(page, ANNA_FI, ANNA_FI);
    await page.goto(`/merchants/${merchantId}/calls`);
    await expect(page.getByRole("heading", { name: `Sample calls · ${ANNA_FI.name}` })).toBeVisible();

    // Invoice: issuer, callbacks, an InvoiceLink, the app user pays it, status and callback.
    expect((await runCall(page, "Invoice issuers")).call.responseStatus).toBe(200);
    expect((await runCall(page, "Register invoice callbacks")).call.responseStatus).toBe(204);
    const link = await runCall(page, "Create InvoiceLink");
    expect(link.call.responseStatus).toBe(200);
    const inspector = page.getByRole("region", { name: "Request inspector" });
    await expect(inspector.getByText("User-redirect link")).toBeVisible();
    await expect(inspector.getByRole("link", { name: /\/invoice-landing\// })).toBeVisible();

    // The inspector masks the token and copies as curl with a placeholder.
    const headers = inspector.getByRole("table", { name: "Request headers" });
    await expect(headers).toContainText(/Bearer •••• \(sha256:[0-9a-f]{12}, \d+ chars\)/);
    await expect(inspector).not.toContainText("eyJ");
    await expect(inspector.getByLabel("curl command")).toContainText('-H "Authorization: Bearer $ACCESS_TOKEN"');

    expect((await runCall(page, "Simulate: app user accepts")).call.responseStatus).toBe(200);
    await runCall(page, "Get invoice status");
    await expect(inspector.getByLabel("Response body")).toContainText('"Status": "paid"');

    // Invalid input is stopped in the form: no call is made.
    const before = await queryConsoleDatabase<{ count: number }>(
      "SELECT COUNT(*) AS count FROM SampleCall WHERE merchantId = ?",
      [merchantId],
    );
    await page.getByLabel("Sample call", { exact: true }).selectOption({ label: "Create InvoiceDirect" });
    await page.getByLabel("Total amount", { exact: true }).fill("5000");
    await page.getByLabel("Due date", { exact: true }).fill("2000-01-01");
    await page.getByRole("button", { name: "Run call" }).click();
    await expect(page.getByText("At most 2,000 EUR in FI")).toBeVisible();
    await expect(page.getByText("The due date must be between today and 399 days from today")).toBeVisible();
    const after = await queryConsoleDatabase<{ count: number }>(
      "SELECT COUNT(*) AS count FROM SampleCall WHERE merchantId = ?",
      [merchantId],
    );
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));

    // Subscriptions: provider, callback credentials, an agreement the app user accepts.
    expect((await runCall(page, "Merchant and providers")).call.responseStatus).toBe(200);
    expect((await runCall(page, "Register callback credentials")).call.responseStatus).toBe(204);
    const agreement = await runCall(page, "Create agreement");
    expect(agreement.call.responseStatus).toBe(201);
    await expect(inspector.getByText("MobilePay link")).toBeVisible();
    expect((await runCall(page, "Simulate: answer agreement")).call.responseStatus).toBe(204);
    await runCall(page, "Get agreement");
    await expect(inspector.getByLabel("Response body")).toContainText('"status": "Active"');

    // MobilePay's callbacks arrive with the registered credentials and show for the merchant.
    const callbacks = page.getByRole("list", { name: "Received callbacks" });
    await expect(callbacks.locator("li", { hasText: "invoice" }).filter({ hasText: "Paid" }).first()).toBeVisible({
      timeout: scaled(20_000),
    });
    await expect(callbacks.locator("li", { hasText: "agreement" }).filter({ hasText: "Active" }).first()).toBeVisible({
      timeout: scaled(20_000),
    });
    await expect(callbacks.getByText("unverified")).toHaveCount(0);

    // Each call is stored without the token, and is on the merchant's audit trail.
    const stored = await queryConsoleDatabase<{ operation: string; requestHeaders: string }>(
      "SELECT operation, requestHeaders FROM SampleCall WHERE merchantId = ?",
      [merchantId],
    );
    expect(stored.map((row) => row.operation)).toEqual(
      expect.arrayContaining([
        "invoice.create-link",
        "subscriptions.create-agreement",
        "subscriptions.simulate-agreement",
      ]),
    );
    for (const row of stored) expect(row.requestHeaders).not.toContain("eyJ");
    const audited = await queryConsoleDatabase<{ action: string }>(
      "SELECT action FROM AuditEvent WHERE merchantId = ? AND action LIKE 'call.%'",
      [merchantId],
    );
    expect(audited.map((row) => row.action)).toContain("call.invoice.create-link");
    await expect(page.getByRole("table", { name: "Sample call history" })).toContainText("Create agreement");
  });

  test("[CALLS]: support sees the history read-only", async ({ page }) => {
    await signInAs(page, "support");
    const rows = await queryConsoleDatabase<{ merchantId: string }>(
      "SELECT merchantId FROM SampleCall ORDER BY createdAt DESC LIMIT 1",
    );
    await page.goto(`/merchants/${rows[0]!.merchantId}/calls`);
    await expect(page.getByRole("table", { name: "Sample call history" })).toContainText("Create InvoiceLink");
    await expect(page.getByRole("button", { name: "Run call" })).toBeDisabled();
    await page.getByRole("button", { name: "Inspect Create InvoiceLink" }).first().click();
    await expect(page.getByRole("region", { name: "Request inspector" })).toContainText("invoices/link");
  });
});
