import { queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";
import { answerAtMobilePay, createInvitation, goToMobilePayAsMerchant } from "./fixtures/linking";
import { PORTAL_USERS, sandboxControl } from "./fixtures/sandbox-control";

test.describe.configure({ mode: "serial" });

test("[LINKS]: a merchant facing an unreachable MobilePay sees the public error page, staff see why and when, and the link still works afterwards", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const bo = PORTAL_USERS.bo;
  await signInAs(page, "integrator");
  const { invitationId, url } = await createInvitation(page, { merchantName: "Bos Cykler", vatNumber: bo.vat });

  const merchantContext = await browser.newContext();
  const merchant = await merchantContext.newPage();
  await merchant.goto(url);
  const start = merchant.getByRole("button", { name: "Continue to MobilePay" });
  await expect(start).toBeEnabled();
  await sandboxControl("POST", "/control/outage");
  try {
    await start.click();
    await expect(merchant).toHaveURL(/\/link\/complete\?outcome=unreachable$/);
  } finally {
    await sandboxControl("DELETE", "/control/outage");
  }
  await expect(merchant.getByRole("heading", { level: 1 })).toHaveText("MobilePay could not be reached just now");
  await expect(merchant.getByRole("heading", { name: "What to do" })).toBeVisible();
  await expect(merchant.getByRole("heading", { name: "Who to contact" })).toBeVisible();
  await expect(merchant.getByText("your link still works")).toBeVisible();
  // Never a staff screen: no sign-in form, no staff wording.
  await expect(merchant.getByLabel("Password")).toHaveCount(0);
  await expect(merchant.getByText(/Sign-in failed|email and password/)).toHaveCount(0);

  // The integrator sees the reason and the time on the invitation, and in the audit log.
  const [stored] = await queryConsoleDatabase<{ status: string; failureReason: string; completedAt: string }>(
    "SELECT status, failureReason, completedAt FROM Invitation WHERE id = ?",
    [invitationId],
  );
  expect(stored).toMatchObject({ status: "failed" });
  expect(stored!.failureReason).toMatch(/^MobilePay could not be reached/);
  expect(stored!.completedAt).toBeTruthy();
  await page.goto("/merchants");
  const row = page.locator(`tr[data-invitation-id="${invitationId}"]`);
  await expect(row).toContainText("Failed");
  await expect(row).toContainText("MobilePay could not be reached");
  await expect(row.locator("td").nth(2).locator("time")).toHaveAttribute("datetime", /T/);
  const events = await queryConsoleDatabase<{ action: string; details: string }>(
    "SELECT action, details FROM AuditEvent WHERE action = 'link.failed' AND details LIKE ?",
    [`%${invitationId}%`],
  );
  expect(events).toHaveLength(1);
  expect(events[0]!.details).toContain("MobilePay could not be reached");

  // MobilePay is back: the same link takes the merchant through, as the error page promised.
  await goToMobilePayAsMerchant(merchant, url);
  await answerAtMobilePay(merchant, bo);
  await expect(merchant.getByRole("heading", { name: "You are connected" })).toBeVisible();
  await merchantContext.close();
  await page.reload();
  await expect(page.locator(`tr[data-invitation-id="${invitationId}"]`)).toContainText("Consented");
});

test("[LINKS]: a link start that fails inside the console still lands the merchant on a public page", async ({
  browser,
  page,
}) => {
  test.setTimeout(60_000);
  // Without a started link transaction the console refuses to start the trip; the button must not claim success.
  await signInAs(page, "integrator");
  const { url } = await createInvitation(page, { merchantName: "Mikon Sauna", vatNumber: PORTAL_USERS.mikko.vat });
  const merchantContext = await browser.newContext();
  const merchant = await merchantContext.newPage();
  await merchant.route("**/api/link/*/start", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: '{"providerId":"mobilepay-sandbox"}' }),
  );
  await merchant.goto(url);
  await merchant.getByRole("button", { name: "Continue to MobilePay" }).click();
  await expect(merchant).toHaveURL(/\/link\/complete\?outcome=unreachable$/);
  await expect(merchant.getByRole("heading", { name: "You are connected" })).toHaveCount(0);
  await merchantContext.close();
});
