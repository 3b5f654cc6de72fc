import { scaled } from "../lib/testing/test-slowness";
import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/webhook-receiver";

import { queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";
import { consentAsMerchant, createInvitation } from "./fixtures/linking";
import { PORTAL_USERS } from "./fixtures/sandbox-control";
import { E2E_SANDBOX_URL } from "./support/e2e-settings";

test.describe.configure({ mode: "serial" });

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
});

type Received = { type: string; data: { merchant: { vatNumber: string | null } | null; to?: string } };

test("[HOOKS]: an admin adds an endpoint, tests it, and hears of a consent withdrawn in the MobilePay portal", async ({
  page,
  browser,
}) => {
  // A link, a withdrawal in the portal and two deliveries: longer than one page's default on a busy machine.
  test.setTimeout(scaled(150_000));
  const bo = PORTAL_USERS.bo;
  await signInAs(page, "admin");
  await page.goto("/webhooks");
  await page.getByLabel("URL").fill(receiver.url);
  await page.getByLabel("Description").fill("Billing system");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("signing-secret").textContent())!;
  expect(secret).toMatch(/^whsec_/);
  receiver.secrets.push(secret);
  await page.getByRole("link", { name: "Open the endpoint" }).click();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event: delivered.")).toBeVisible();
  expect(receiver.received.map((message) => (message.body as Received).type)).toContain("webhook.test");
  // The secret is never shown again.
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  // Bo links, then withdraws the consent in MobilePay's own portal.
  const { url } = await createInvitation(page, { merchantName: bo.merchantName, vatNumber: bo.vat });
  const merchantContext = await browser.newContext();
  const merchantPage = await merchantContext.newPage();
  await consentAsMerchant(merchantPage, url, bo);
  await merchantPage.goto(`${E2E_SANDBOX_URL}/account/integrations`);
  if (await merchantPage.getByRole("button", { name: "Log in" }).isVisible()) {
    await merchantPage.getByLabel("Email").fill(bo.email);
    await merchantPage.getByLabel("Password").fill(bo.password);
    await merchantPage.getByRole("button", { name: "Log in" }).click();
  }
  const revoke = merchantPage.getByRole("button", { name: new RegExp(`Revoke .* for ${bo.merchantName}`) });
  await expect(revoke.first()).toBeVisible();
  while ((await revoke.count()) > 0) {
    await revoke.first().click();
    await expect(merchantPage.getByText("The integrator no longer has access.")).toBeVisible();
  }
  await merchantContext.close();

  // The console finds out at its next refresh of the link.
  const [merchant] = await queryConsoleDatabase<{ id: string }>(
    "SELECT id FROM Merchant WHERE vatNumber = ? AND unlinkedAt IS NULL",
    [bo.vat],
  );
  const refused = await page.request.post(`/api/merchants/${merchant!.id}/refresh`, {
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(409);

  const stateChange = () =>
    receiver.received
      .map((message) => message.body as Received)
      .find(
        (body) =>
          body.type === "merchant.state_changed" &&
          body.data.merchant?.vatNumber === bo.vat &&
          body.data.to === "relink_needed",
      );
  await expect.poll(stateChange, { timeout: 30_000 }).toBeTruthy();
  expect(receiver.unverified).toBe(0);

  await expect(async () => {
    await page.reload();
    const row = page.getByTestId("webhook-message").filter({ hasText: "merchant.state_changed" }).first();
    await expect(row.getByText("delivered", { exact: true })).toBeVisible({ timeout: 1_000 });
    await expect(row.getByTestId("webhook-attempt").first()).toContainText("HTTP 204");
  }).toPass({ timeout: 30_000 });

  // Disabling and enabling again changes nothing else about the endpoint.
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Endpoint disabled.")).toBeVisible();
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText("Endpoint enabled.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Billing system")).toBeVisible();
  const [endpoint] = await queryConsoleDatabase<{ kind: string; description: string }>(
    "SELECT kind, description FROM WebhookEndpoint WHERE url = ?",
    [receiver.url],
  );
  expect(endpoint).toMatchObject({ kind: "generic", description: "Billing system" });
});

test("[HOOKS]: integrators may look at endpoints but not change them", async ({ page }) => {
  await signInAs(page, "integrator");
  await page.goto("/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  const created = await page.request.post("/api/webhooks", {
    headers: { origin: new URL(page.url()).origin },
    data: { url: receiver.url },
  });
  expect(created.status()).toBe(403);
});
