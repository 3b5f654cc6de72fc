import { queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";
import { consentAsMerchant, createInvitation } from "./fixtures/linking";
import { PORTAL_USERS, sandboxControl } from "./fixtures/sandbox-control";

test.describe.configure({ mode: "serial" });

/** The list polls every 5 s; on a busy machine a poll and its render may take a while longer. */
const POLLED = { timeout: 25_000 };

test("[LIST]: the merchants list refreshes itself, counts every state and filters on a count", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const mikko = PORTAL_USERS.mikko;
  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signInAs(support, "support");
  await support.goto("/merchants");
  await support.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  // Elsewhere, an integrator links a merchant: the support list shows it without a reload.
  await signInAs(page, "integrator");
  const { url } = await createInvitation(page, { merchantName: "Mikon Sauna", vatNumber: mikko.vat });
  const merchantContext = await browser.newContext();
  await consentAsMerchant(await merchantContext.newPage(), url, mikko);
  await merchantContext.close();
  const merchantsTable = support.getByRole("table", { name: "Merchants", exact: true });
  const row = merchantsTable.getByRole("row", { name: /Mikon Sauna/ });
  await expect(row).toContainText("Active", POLLED);

  // The state filter offers every state, in the badges' words.
  const options = await support.locator("select[name=state]").locator("option").allTextContents();
  for (const label of ["Active", "Expiring", "Degraded", "Relink needed", "Unlinked", "Not linked yet"]) {
    expect(options).toContain(label);
  }
  const strip = support.getByRole("navigation", { name: "Merchants by state" });
  const activeCount = Number(/^(\d+)/.exec((await strip.locator("[data-state=active]").textContent()) ?? "")?.[1]);
  expect(activeCount).toBeGreaterThanOrEqual(1);

  // MobilePay refuses the refresh token: the row and the strip follow by themselves.
  const [merchant] = await queryConsoleDatabase<{ id: string }>("SELECT id FROM Merchant WHERE vatNumber = ?", [
    mikko.vat,
  ]);
  const relinkNeededBefore = Number(
    /^(\d+)/.exec((await strip.locator("[data-state=relink_needed]").textContent()) ?? "")?.[1],
  );
  await sandboxControl("POST", "/control/token-endpoint/fault", { mode: "invalid-grant", count: 1 });
  const refused = await page.request.post(`/api/merchants/${merchant!.id}/refresh`, {
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(409);
  await expect(row).toContainText("Relink needed", POLLED);
  const relinkNeeded = strip.locator("[data-state=relink_needed]");
  const expected = relinkNeededBefore + 1;
  await expect(relinkNeeded).toHaveText(`${expected} ${expected === 1 ? "needs" : "need"} relinking`, POLLED);

  // A count opens the list filtered to that state, and the filter shows it.
  await relinkNeeded.click();
  await expect(support).toHaveURL(/state=relink_needed/);
  await expect(support.locator("select[name=state]")).toHaveValue("relink_needed");
  await expect(strip.locator("[data-state=relink_needed]")).toHaveAttribute("aria-current", "true");
  const rows = merchantsTable.locator("tbody tr");
  await expect(rows).toHaveCount(expected);
  for (const filteredRow of await rows.all())
    await expect(filteredRow.locator("td").nth(4)).toHaveText("Relink needed");
  await expect(row).toBeVisible();
  expect(await support.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  // A merchant's name opens its page inside the app, in the same document.
  await row.getByRole("link", { name: "Mikon Sauna" }).click();
  await expect(support).toHaveURL(new RegExp(`/merchants/${merchant!.id}$`));
  // Named by whichever consent linked the VAT number first, so "Mikon Sauna" or "Mikon Sauna Oy".
  await expect(support.getByRole("heading", { level: 1 })).toHaveText(/^Mikon Sauna/);
  expect(await support.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await supportContext.close();
});
