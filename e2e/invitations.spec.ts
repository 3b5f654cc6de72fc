import { scaled } from "../lib/testing/test-slowness";
import type { Browser, Page } from "@playwright/test";

import { backdateInvitationOpening, queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";
import { answerAtMobilePay, createInvitation, goToMobilePayAsMerchant } from "./fixtures/linking";
import { PORTAL_USERS } from "./fixtures/sandbox-control";

test.describe.configure({ mode: "serial" });

/** Annas Bageri's Finnish company: no other spec links it, so its links here stay unanswered. */
const ANNA_FINNISH_VAT = "FI12345678";

async function invitationStatus(invitationId: string) {
  const [row] = await queryConsoleDatabase<{ status: string }>("SELECT status FROM Invitation WHERE id = ?", [
    invitationId,
  ]);
  return row?.status;
}

function invitationRow(page: Page, invitationId: string) {
  return page.locator(`tr[data-invitation-id="${invitationId}"]`);
}

/** The merchant opens the link and then leaves it, as one who hit an error at MobilePay does. */
async function openAsMerchant(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("button", { name: "Continue to MobilePay" })).toBeVisible();
}

/** An integrator makes a link for Annan Leipomo, and the merchant opens it in a browser of their own. */
async function openedLink(page: Page, browser: Browser) {
  await signInAs(page, "integrator");
  const { invitationId, url } = await createInvitation(page, {
    merchantName: "Annan Leipomo",
    vatNumber: ANNA_FINNISH_VAT,
  });
  const merchantContext = await browser.newContext();
  const merchant = await merchantContext.newPage();
  await openAsMerchant(merchant, url);
  return { invitationId, url, merchantContext, merchant };
}

test("[LINKS]: an opened link says since when, and after a while what usually went wrong", async ({
  page,
  browser,
}) => {
  test.setTimeout(scaled(90_000));
  const { invitationId, merchantContext } = await openedLink(page, browser);
  await merchantContext.close();

  await page.goto("/merchants");
  const row = invitationRow(page, invitationId);
  await expect(row).toContainText("Opened");
  await expect(row).toContainText(/opened .*(s|min) ago/);
  await expect(row.getByTestId("quiet-hint")).toHaveCount(0);

  await backdateInvitationOpening(invitationId, 40);
  // The list polls: the hint appears without a reload.
  await expect(row.getByTestId("quiet-hint")).toContainText("the VAT number does not match", { timeout: 25_000 });
  await expect(row).toContainText(/opened .*40 min ago/);
});

test("[LINKS]: staff resend a quiet link (the old one stops working) and show its QR code without breaking the CSP", async ({
  page,
  browser,
}) => {
  test.setTimeout(scaled(90_000));
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await signInAs(page, "integrator");
  const { invitationId, url } = await createInvitation(page, {
    merchantName: "Annan Leipomo",
    vatNumber: ANNA_FINNISH_VAT,
  });
  await page.goto("/merchants");
  await invitationRow(page, invitationId).getByRole("button", { name: "Resend the link for Annan Leipomo" }).click();

  const resent = page.getByTestId("resent-link");
  const newUrl = await resent.getByLabel("New consent link").inputValue();
  expect(newUrl).toMatch(/\/link\/[\w-]+$/);
  expect(newUrl).not.toBe(url);
  await resent.getByRole("button", { name: "Show QR code" }).click();
  const qr = resent.getByRole("img", { name: "QR code of the new consent link" });
  await expect(qr.locator("svg path").first()).toBeAttached();
  const box = await qr.locator("svg").boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(100);
  await expect(invitationRow(page, invitationId)).toContainText("Withdrawn");
  expect(await invitationStatus(invitationId)).toBe("revoked");

  const merchantContext = await browser.newContext();
  const merchant = await merchantContext.newPage();
  await merchant.goto(url);
  await expect(merchant.getByRole("heading", { name: "This link can no longer be used" })).toBeVisible();
  await expect(merchant.getByText("has withdrawn it")).toBeVisible();
  await openAsMerchant(merchant, newUrl);
  await merchantContext.close();

  const events = await queryConsoleDatabase<{ details: string }>(
    "SELECT details FROM AuditEvent WHERE action = 'link.resent' AND details LIKE ?",
    [`%${invitationId}%`],
  );
  expect(events).toHaveLength(1);
  expect(cspViolations).toEqual([]);
});

test("[LINKS]: staff cancel a link; it can no longer be opened, nor finish a trip it started", async ({
  page,
  browser,
}) => {
  test.setTimeout(scaled(90_000));
  const { invitationId, url, merchantContext, merchant } = await openedLink(page, browser);
  // In another tab the merchant is already at MobilePay's login when the link is cancelled.
  const atMobilePay = await merchantContext.newPage();
  await goToMobilePayAsMerchant(atMobilePay, url);

  await page.goto("/merchants");
  const row = invitationRow(page, invitationId);
  await row.getByRole("button", { name: "Cancel the link for Annan Leipomo" }).click();
  await expect(row).toContainText("Withdrawn");
  await expect(row.getByRole("button")).toHaveCount(0);
  expect(await invitationStatus(invitationId)).toBe("revoked");

  // The page the merchant still has open cannot start the trip any more.
  await merchant.getByRole("button", { name: "Continue to MobilePay" }).click();
  await expect(merchant.getByRole("alert").filter({ hasText: "withdrawn" })).toBeVisible();
  await merchant.goto(url);
  await expect(merchant.getByRole("heading", { name: "This link can no longer be used" })).toBeVisible();
  // The trip already at MobilePay ends refused, and the refusal does not make the link usable again.
  await answerAtMobilePay(atMobilePay, PORTAL_USERS.anna);
  await expect(atMobilePay.getByRole("heading", { name: "The connection was not completed" })).toBeVisible();
  expect(await invitationStatus(invitationId)).toBe("revoked");
  await merchant.goto(url);
  await expect(merchant.getByRole("heading", { name: "This link can no longer be used" })).toBeVisible();
  await expect(merchant.getByText("has withdrawn it")).toBeVisible();
  await merchantContext.close();

  // Support may look, not act: no buttons, and the server refuses them.
  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signInAs(support, "support");
  await support.goto("/merchants");
  await expect(invitationRow(support, invitationId)).toBeVisible();
  await expect(support.getByRole("button", { name: /Resend the link|Cancel the link/ })).toHaveCount(0);
  const refused = await support.request.post(`/api/invitations/${invitationId}/resend`, {
    headers: { origin: new URL(support.url()).origin },
  });
  expect(refused.status()).toBe(403);
  await supportContext.close();
});

test("[LINKS]: a new consent link can be shown as a QR code", async ({ page }) => {
  await signInAs(page, "integrator");
  // Reached through the console's navigation, so the form has hydrated before it is filled in.
  await page.getByRole("link", { name: "Link a merchant" }).first().click();
  await page.getByLabel("Merchant name").fill("Annan Leipomo");
  await page.getByLabel("VAT number").fill(ANNA_FINNISH_VAT);
  await page.getByRole("button", { name: "Create consent link" }).click();
  await expect(page.getByLabel("Consent link")).toHaveValue(/\/link\//);
  await page.getByRole("button", { name: "Show QR code" }).click();
  await expect(page.getByRole("img", { name: "QR code of the consent link" }).locator("svg")).toBeVisible();
});
