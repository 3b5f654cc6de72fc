import { scaled } from "../lib/testing/test-slowness";
import type { Page } from "@playwright/test";

import { queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";
import { consentAsMerchant, createInvitation } from "./fixtures/linking";
import { PORTAL_USERS, sandboxControl } from "./fixtures/sandbox-control";

const ANNA_DANISH_MERCHANT_ID = "8a38f2a4-5166-4661-9c26-76d7604f8561";
/** The page polls every 5 s; on a busy machine a poll and its render may take a while longer. */
const POLLED = { timeout: 25_000 };

test.describe.configure({ mode: "serial" });

/** Marks the document, so a test can prove the page changed in place rather than by a reload. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
}

async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
}

/** Every part of the merchant page that shows the link's state. */
function parts(page: Page) {
  return {
    header: page.getByTestId("header-state"),
    connection: page.getByTestId("connection-state"),
    lineage: page.getByTestId("lineage"),
    tokens: page.getByRole("table", { name: "Stored tokens" }),
    timeline: page.getByRole("list", { name: "Merchant timeline" }),
    refreshNow: page.getByRole("button", { name: "Refresh now" }),
    unlink: page.getByRole("button", { name: "Unlink", exact: true }),
  };
}

async function expectState(page: Page, label: string, options = { timeout: 10_000 }) {
  const { header, connection } = parts(page);
  await expect(header).toHaveText(label, options);
  await expect(connection).toHaveText(label, options);
}

async function fingerprintOf(page: Page, kind: "access" | "refresh") {
  // The row's cells: type, length, fingerprint, last four, issued, expires.
  const cell = parts(page).tokens.locator(`tr[data-token-kind="${kind}"] td`).nth(2);
  return (await cell.textContent())?.trim();
}

test("[LIVE]: refresh, a token-endpoint fault, relink and unlink each update every part of the merchant page without a reload", async ({
  page,
  browser,
}) => {
  test.setTimeout(scaled(180_000));
  const anna = PORTAL_USERS.anna;
  await signInAs(page, "integrator");
  const { url } = await createInvitation(page, { merchantName: "Annas Bageri", vatNumber: anna.vat });
  const merchantContext = await browser.newContext();
  await consentAsMerchant(await merchantContext.newPage(), url, anna);
  await merchantContext.close();
  const [merchant] = await queryConsoleDatabase<{ id: string }>("SELECT id FROM Merchant WHERE vatNumber = ?", [
    anna.vat,
  ]);
  const merchantId = merchant!.id;

  // Support watches the same merchant in another browser: they act on nothing, so they see only what polling brings.
  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signInAs(support, "support");
  await support.goto(`/merchants/${merchantId}`);
  await expectState(support, "Active");
  await markDocument(support);

  // The page's one live answer carries masks and fingerprints, never a token (JWTs all start with eyJ).
  const answer = await page.request.get(`/api/merchants/${merchantId}/view`);
  expect(answer.status()).toBe(200);
  const answerText = await answer.text();
  expect(answerText).toContain('"state":"active"');
  expect(answerText).not.toContain("eyJ");
  // Nor a stored token's ciphertext (v1.<key id>.<iv>.<ciphertext>).
  expect(answerText).not.toMatch(/"v1\.[\w-]+\.[\w-]+\.[\w-]+"/);

  await page.goto(`/merchants/${merchantId}`);
  const view = parts(page);
  await expectState(page, "Active");
  // Other specs may have linked (and unlinked) this sandbox merchant before: count from where it stands.
  await expect(view.lineage).toContainText(/generation \d+/);
  const generationAtStart = Number(/generation (\d+)/.exec((await view.lineage.textContent()) ?? "")?.[1]);
  await expect(view.tokens).toBeVisible();
  await markDocument(page);

  // Refresh: a new generation, a new access token, and the timeline says so.
  const accessBefore = await fingerprintOf(page, "access");
  await view.refreshNow.click();
  await expect(view.lineage).toContainText(`generation ${generationAtStart + 1}`);
  await expectState(page, "Active");
  await expect(view.timeline.locator("li").first()).toContainText("Tokens refreshed");
  await expect.poll(() => fingerprintOf(page, "access")).not.toBe(accessBefore);

  // MobilePay's token endpoint fails once: every part says Degraded, in the badges' words.
  await sandboxControl("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 1 });
  await view.refreshNow.click();
  await expect(page.getByRole("alert").filter({ hasText: "temporary reason" })).toBeVisible();
  await expectState(page, "Degraded");
  await expect(page.getByTestId("last-failure")).toContainText("Degraded");
  const failed = view.timeline.locator("li[data-kind=failure]").first();
  await expect(failed).toContainText("Refresh failed");
  await expect(failed).toContainText("now Degraded");
  await expect(view.timeline.locator("li[data-kind=state]").first()).toContainText("Active → Degraded");
  await expect(view.timeline).not.toContainText(/transient|terminal/);
  await expect(view.tokens).toBeVisible();
  await expectState(support, "Degraded", POLLED);

  // Consent withdrawn at MobilePay: the next refresh is refused and every part says Relink needed.
  await sandboxControl("POST", "/control/grants/revoke", { merchantId: ANNA_DANISH_MERCHANT_ID });
  await view.refreshNow.click();
  await expect(page.getByRole("alert").filter({ hasText: "relinking" })).toBeVisible();
  await expectState(page, "Relink needed");
  await expect(page.getByTestId("last-failure")).toContainText("Relink needed");
  await expect(view.timeline.locator("li[data-kind=state]").first()).toContainText("Degraded → Relink needed");
  await expect(view.timeline).not.toContainText(/transient|terminal/);
  await expectState(support, "Relink needed", POLLED);

  // Relink in the merchant's browser: this page learns it by polling, and the lineage names the token it replaced.
  const replacedRefreshToken = await fingerprintOf(page, "refresh");
  expect(replacedRefreshToken).toMatch(/^[0-9a-f]{12}$/);
  await page.getByRole("button", { name: "Create relink link" }).click();
  const relinkUrl = await page.getByLabel("Relink link").inputValue();
  await expect(view.timeline.locator("li").first()).toContainText("Relink link created");
  const relinkContext = await browser.newContext();
  await consentAsMerchant(await relinkContext.newPage(), relinkUrl, anna);
  await relinkContext.close();
  await expectState(page, "Active", POLLED);
  await expect(page.getByTestId("last-failure")).toHaveCount(0);
  await expect(view.lineage).toContainText(`(was ${replacedRefreshToken})`);
  const newRefreshToken = await fingerprintOf(page, "refresh");
  expect(newRefreshToken).not.toBe(replacedRefreshToken);
  await expect(view.lineage).toContainText(`refresh token ${newRefreshToken}`);
  await expect(view.timeline.locator("li[data-kind=relink]").first()).toContainText("Merchant relinked");
  await expectState(support, "Active", POLLED);

  // Unlink: the state, the tokens table, the lineage and the buttons all follow at once.
  await view.unlink.click();
  await page.getByRole("button", { name: "Revoke and unlink" }).click();
  await expect(page.getByText("Unlinked: consent revoked at MobilePay and tokens deleted.")).toBeVisible();
  await expectState(page, "Unlinked");
  await expect(view.tokens).toHaveCount(0);
  await expect(view.unlink).toHaveCount(0);
  await expect(view.refreshNow).toHaveCount(0);
  await expect(view.lineage).toHaveCount(0);
  await expect(view.timeline.locator("li[data-kind=unlink]").first()).toContainText("Unlinked");
  await expectState(support, "Unlinked", POLLED);
  await expect(parts(support).tokens).toHaveCount(0);

  await expectSameDocument(page);
  await expectSameDocument(support);
  await supportContext.close();
});
