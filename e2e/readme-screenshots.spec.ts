import path from "node:path";

import { scaled } from "../lib/testing/test-slowness";

import { expect, signInAs, test } from "./fixtures/console-test";
import { linkAnnaWithACall } from "./fixtures/linked-merchant";
import { PHONE } from "./fixtures/page-checks";
import { PORTAL_USERS } from "./fixtures/sandbox-control";

/**
 * The README's screenshots, taken from the pages as they are: `README_SCREENSHOTS=1 npx playwright test
 * e2e/readme-screenshots.spec.ts` writes them to public/screenshots/. Skipped in the suite, which has nothing
 * to learn from them.
 */
const FOLDER = path.join("public", "screenshots");
const WIDE = { width: 1360, height: 820 };

test.skip(!process.env.README_SCREENSHOTS, "Set README_SCREENSHOTS=1 to refresh the README's screenshots");

test("[DOCS]: the README's screenshots of the merchants list, a linked merchant and a phone", async ({ page }) => {
  test.setTimeout(scaled(180_000));
  const { merchantId } = await linkAnnaWithACall(page);
  await signInAs(page, "integrator");
  await page.setViewportSize(WIDE);

  await page.goto("/merchants");
  await expect(page.getByRole("table", { name: "Merchants" })).toBeVisible();
  await expect(page.locator("time", { hasText: "UTC" })).toHaveCount(0);
  await page.screenshot({ path: path.join(FOLDER, "merchants.png") });

  await page.goto(`/merchants/${merchantId}`);
  await expect(page.getByRole("heading", { level: 1, name: PORTAL_USERS.anna.merchantName })).toBeVisible();
  await expect(page.getByRole("list", { name: "Merchant timeline" }).locator("li").first()).toBeVisible();
  await expect(page.locator("time", { hasText: "UTC" })).toHaveCount(0);
  await page.screenshot({ path: path.join(FOLDER, "merchant-detail.png") });

  await page.goto("/audit");
  await expect(page.getByRole("table", { name: "Audit events" })).toBeVisible();
  await page.locator("[data-audit-details] summary").first().click();
  await page.screenshot({ path: path.join(FOLDER, "audit.png") });

  await page.setViewportSize(PHONE);
  await page.goto("/merchants");
  await expect(page.getByRole("table", { name: "Merchants" })).toBeVisible();
  await page.screenshot({ path: path.join(FOLDER, "merchants-phone.png") });
});
