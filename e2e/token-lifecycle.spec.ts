import { queryConsoleDatabase } from "./fixtures/console-database";
import { scaled } from "../lib/testing/test-slowness";

import { expect, signInAs, test } from "./fixtures/console-test";
import { consentAsMerchant, createInvitation } from "./fixtures/linking";
import { PORTAL_USERS, sandboxControl } from "./fixtures/sandbox-control";

const ANNA_DANISH_MERCHANT_ID = "8a38f2a4-5166-4661-9c26-76d7604f8561";

test.describe.configure({ mode: "serial" });

test("[TOKENS]: support sees a link go degraded, active, relink needed and back as MobilePay misbehaves", async ({
  page,
  browser,
}) => {
  // Two staff sign-ins, two merchants' consents, four refreshes and the pages between them.
  test.setTimeout(scaled(90_000));
  const anna = PORTAL_USERS.anna;
  await signInAs(page, "integrator");
  const { url } = await createInvitation(page, { merchantName: "Annas Bageri", vatNumber: anna.vat });
  const merchantContext = await browser.newContext();
  await consentAsMerchant(await merchantContext.newPage(), url, anna);
  await merchantContext.close();
  // The link just made: other specs leave merchants with the same VAT number (unlinked, or of production).
  const [merchant] = await queryConsoleDatabase<{ id: string }>(
    `SELECT id FROM Merchant WHERE vatNumber = ? AND environment = 'sandbox' AND unlinkedAt IS NULL
      ORDER BY createdAt DESC LIMIT 1`,
    [anna.vat],
  );
  const merchantId = merchant!.id;
  const refresh = () =>
    page.request.post(`/api/merchants/${merchantId}/refresh`, { headers: { origin: new URL(page.url()).origin } });

  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signInAs(support, "support");
  const expectState = async (label: string) => {
    await support.goto(`/merchants/${merchantId}`);
    await expect(support.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(support.getByText(label, { exact: true }).first()).toBeVisible();
  };
  await expectState("Active");

  await sandboxControl("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 1 });
  const failed = await refresh();
  expect(failed.status()).toBe(502);
  expect((await failed.json()).error.message).toMatch(/temporary reason/);
  await expectState("Degraded");

  const recovered = await refresh();
  expect(recovered.status()).toBe(200);
  await expectState("Active");

  await sandboxControl("POST", "/control/grants/revoke", { merchantId: ANNA_DANISH_MERCHANT_ID });
  const refused = await refresh();
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(/relinking/);
  await expectState("Relink needed");
  // The list derives the same state from the same stored facts.
  await support.goto("/merchants");
  await expect(support.getByRole("row", { name: /Annas Bageri/ }).getByText("Relink needed")).toBeVisible();

  // Support may look but not act: the refresh route refuses them on the server.
  const supportRefresh = await support.request.post(`/api/merchants/${merchantId}/refresh`, {
    headers: { origin: new URL(support.url()).origin },
  });
  expect(supportRefresh.status()).toBe(403);

  const relink = await createInvitation(page, { merchantName: "Annas Bageri", vatNumber: anna.vat });
  const relinkContext = await browser.newContext();
  await consentAsMerchant(await relinkContext.newPage(), relink.url, anna);
  await relinkContext.close();
  await expectState("Active");
  await supportContext.close();
});
