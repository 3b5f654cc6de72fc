import type { BrowserContext } from "@playwright/test";

import { STAFF_MESSAGES, type CheckName } from "../lib/mobilepay/oidc/check-result";

import { consoleDatabaseBytes, queryConsoleDatabase } from "./fixtures/console-database";
import { expect, signInAs, test } from "./fixtures/console-test";
import { answerAtMobilePay, consentAsMerchant, createInvitation, goToMobilePayAsMerchant } from "./fixtures/linking";
import { PORTAL_USERS, sandboxControl } from "./fixtures/sandbox-control";

type TokenRow = {
  accessTokenCiphertext: string;
  refreshTokenCiphertext: string;
  idTokenCiphertext: string;
  version: number;
};

async function tokenRowFor(vat: string): Promise<TokenRow | undefined> {
  const rows = await queryConsoleDatabase<TokenRow>(
    `SELECT t.accessTokenCiphertext, t.refreshTokenCiphertext, t.idTokenCiphertext, t.version
       FROM MerchantTokenSet t JOIN Merchant m ON m.id = t.merchantId WHERE m.vatNumber = ?`,
    [vat],
  );
  return rows[0];
}

const SANDBOX_CALLBACK_PATH = "/api/auth/callback/mobilepay-sandbox";

async function invitationRow(invitationId: string) {
  const rows = await queryConsoleDatabase<{ status: string; failureReason: string | null }>(
    "SELECT status, failureReason FROM Invitation WHERE id = ?",
    [invitationId],
  );
  return rows[0];
}

/**
 * What any web page the merchant visits can do while they are at MobilePay: make their browser POST an
 * authorization response of its choosing to the console's callback. The page has an opaque origin, so the POST
 * is cross-site and carries only the SameSite=None cookies, as MobilePay's own form_post does.
 */
async function forgeCallbackPost(context: BrowserContext, consoleOrigin: string, fields: Record<string, string>) {
  const attacker = await context.newPage();
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join("");
  await attacker.setContent(
    `<form method="post" action="${consoleOrigin}${SANDBOX_CALLBACK_PATH}">${inputs}<button>Win a prize</button></form>`,
  );
  await attacker.getByRole("button", { name: "Win a prize" }).click();
  await expect(attacker).toHaveURL(/\/link\/complete\?outcome=failed$/);
  await attacker.close();
}

async function linkCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === "mplc.link")?.value;
}

test.describe.configure({ mode: "serial" });

test.describe("[LINKS] linking merchants through the hybrid flow", () => {
  test("[LINKS]: an integrator links a merchant end to end with a consent link", async ({ page, browser }) => {
    const anna = PORTAL_USERS.anna;
    await signInAs(page, "integrator");
    await page.getByRole("link", { name: "Link a merchant" }).first().click();
    await page.getByLabel("Merchant name").fill("Annas Bageri");
    await page.getByLabel("VAT number").fill("dk1234567");
    await page.getByRole("button", { name: "Create consent link" }).click();
    await expect(page.getByText("Use DK or FI followed by 8 digits, e.g. DK12345678")).toBeVisible();
    await page.getByLabel("VAT number").fill(anna.vat);
    await page.getByRole("button", { name: "Create consent link" }).click();
    const url = await page.getByLabel("Consent link").inputValue();
    expect(url).toMatch(/\/link\/[A-Za-z0-9_-]{43}$/);

    // The merchant opens the link in a browser of their own: no console session there.
    const merchantContext = await browser.newContext();
    const merchantPage = await merchantContext.newPage();
    await consentAsMerchant(merchantPage, url, anna);
    await expect(merchantPage.getByRole("heading", { name: "You are connected" })).toBeVisible();
    await merchantPage.goto("/merchants");
    await expect(merchantPage).toHaveURL(/\/sign-in$/);
    await merchantContext.close();

    await page.goto("/merchants");
    const row = page.getByRole("row", { name: /Annas Bageri/ });
    await expect(row.getByText("Active")).toBeVisible();
    await row.getByRole("link", { name: "Annas Bageri" }).click();
    await expect(page.getByRole("table", { name: "id_token claims" })).toContainText(anna.vat);
    await expect(page.getByRole("table", { name: "Access token claims" })).toContainText(
      "https://api.mobilepay.dk/merchant/resources",
    );

    const stored = await tokenRowFor(anna.vat);
    expect(stored).toBeDefined();
    for (const value of [stored!.accessTokenCiphertext, stored!.refreshTokenCiphertext, stored!.idTokenCiphertext]) {
      expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    }
    // A JWT starts with a base64url JSON header ("eyJ"); none may sit in the database in plain text.
    expect(consoleDatabaseBytes()).not.toContain("eyJhbGciOi");
  });

  test("[LINKS]: a used consent link is refused, and an unknown one too", async ({ page }) => {
    await signInAs(page, "integrator");
    const { url } = await createInvitation(page, { merchantName: "Bos Cykler", vatNumber: PORTAL_USERS.bo.vat });
    await consentAsMerchant(page, url, PORTAL_USERS.bo);
    await expect(page.getByRole("heading", { name: "You are connected" })).toBeVisible();
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "This link can no longer be used" })).toBeVisible();
    await expect(page.getByText("already been used")).toBeVisible();
    await page.goto(url.replace(/.{4}$/, "AAAA"));
    await expect(page.getByRole("heading", { name: "This link can no longer be used" })).toBeVisible();
  });

  test("[LINKS]: an expired consent link is refused", async ({ page }) => {
    await signInAs(page, "integrator");
    const { invitationId, url } = await createInvitation(page, {
      merchantName: "Bos Cykler",
      vatNumber: PORTAL_USERS.bo.vat,
    });
    const expired = await import("@libsql/client").then(({ createClient }) =>
      createClient({ url: "file:.data/e2e/console.db" }).execute({
        sql: "UPDATE Invitation SET expiresAt = ? WHERE id = ?",
        args: [new Date(Date.now() - 1000).toISOString(), invitationId],
      }),
    );
    expect(expired.rowsAffected).toBe(1);
    await page.goto(url);
    await expect(page.getByText("It has expired")).toBeVisible();
  });

  test("[LINKS]: a merchant who cancels at MobilePay leaves nothing stored and staff see why", async ({ page }) => {
    await signInAs(page, "integrator");
    const { invitationId, url } = await createInvitation(page, {
      merchantName: "Mikon Sauna",
      vatNumber: PORTAL_USERS.mikko.vat,
    });
    await consentAsMerchant(page, url, PORTAL_USERS.mikko, "Cancel");
    await expect(page.getByRole("heading", { name: "The connection was not completed" })).toBeVisible();
    await page.goto("/merchants");
    await expect(page.locator(`tr[data-invitation-id="${invitationId}"]`)).toContainText(
      "The merchant cancelled the consent",
    );
    // Rendered in UTC on the server, shown in the viewer's zone once the page is live.
    const created = page.locator(`tr[data-invitation-id="${invitationId}"] td`).nth(3).locator("time");
    await expect(created).toHaveText(/^(just now|\d+ s ago|\d+ min ago)$/);
    await expect(created).toHaveAttribute("title", /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} (CET|CEST)/);
    expect(await tokenRowFor(PORTAL_USERS.mikko.vat)).toBeUndefined();
  });

  const BAD_ID_TOKENS: [string, CheckName][] = [
    ["wrong-signature", "signature"],
    ["alg-none", "alg"],
    ["wrong-iss", "iss"],
    ["wrong-aud", "aud"],
    ["expired", "exp"],
    ["future-iat", "iat"],
    ["wrong-nonce", "nonce"],
    ["bad-c-hash", "c_hash"],
    ["unknown-kid", "kid"],
  ];
  for (const [kind, check] of BAD_ID_TOKENS) {
    test(`[LINKS]: a front-channel id_token with ${kind} is refused with nothing stored`, async ({ page }) => {
      await signInAs(page, "integrator");
      const { invitationId, url } = await createInvitation(page, {
        merchantName: "Mikon Sauna",
        vatNumber: PORTAL_USERS.mikko.vat,
      });
      await sandboxControl("POST", "/control/id-token-fault", { kind });
      await consentAsMerchant(page, url, PORTAL_USERS.mikko);
      await expect(page.getByRole("heading", { name: "The connection was not completed" })).toBeVisible();
      await page.goto("/merchants");
      await expect(page.locator(`tr[data-invitation-id="${invitationId}"]`)).toContainText(STAFF_MESSAGES[check]);
      expect(await tokenRowFor(PORTAL_USERS.mikko.vat)).toBeUndefined();
      const records = await queryConsoleDatabase<{ failedCheck: string }>(
        "SELECT failedCheck FROM CallbackRecord WHERE invitationId = ? ORDER BY receivedAt DESC",
        [invitationId],
      );
      expect(records[0]?.failedCheck).toBe(check);
    });
  }

  test("[LINKS]: relinking keeps the merchant and replaces its tokens", async ({ page }) => {
    const anna = PORTAL_USERS.anna;
    await signInAs(page, "integrator");
    const before = await tokenRowFor(anna.vat);
    expect(before).toBeDefined();
    await page.goto("/merchants");
    await page.getByRole("link", { name: "Annas Bageri" }).click();
    await page.getByRole("button", { name: "Create relink link" }).click();
    const url = await page.getByLabel("Relink link").inputValue();
    await consentAsMerchant(page, url, anna);
    await expect(page.getByRole("heading", { name: "You are connected" })).toBeVisible();
    const after = await tokenRowFor(anna.vat);
    expect(after!.version).toBe(before!.version + 1);
    expect(after!.refreshTokenCiphertext).not.toBe(before!.refreshTokenCiphertext);
    const merchants = await queryConsoleDatabase("SELECT id FROM Merchant WHERE vatNumber = ?", [anna.vat]);
    expect(merchants).toHaveLength(1);
  });

  test("[LINKS]: unlinking revokes the grant at MobilePay and keeps the merchant's history", async ({ page }) => {
    await signInAs(page, "integrator");
    await page.goto("/merchants");
    await page.getByRole("link", { name: "Bos Cykler" }).click();
    await page.getByRole("button", { name: "Unlink", exact: true }).click();
    await page.getByRole("button", { name: "Revoke and unlink" }).click();
    await expect(page.getByText("Unlinked: consent revoked at MobilePay and tokens deleted.")).toBeVisible();
    await expect(page.getByText("Unlinked").first()).toBeVisible();
    expect(await tokenRowFor(PORTAL_USERS.bo.vat)).toBeUndefined();
    const events = await queryConsoleDatabase<{ action: string }>(
      "SELECT a.action FROM AuditEvent a JOIN Merchant m ON m.id = a.merchantId WHERE m.vatNumber = ? ORDER BY a.occurredAt",
      [PORTAL_USERS.bo.vat],
    );
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["link.consented", "link.unlinked"]));
  });

  test("[LINKS]: a forged cross-site POST while the merchant is at MobilePay changes nothing; the genuine response links", async ({
    page,
    browser,
  }) => {
    // Anna, who is linked already: Mikko must never grant consent, or the cancel test above could not cancel.
    const anna = PORTAL_USERS.anna;
    await signInAs(page, "integrator");
    const { invitationId, url } = await createInvitation(page, { merchantName: "Annas Bageri", vatNumber: anna.vat });
    const before = await tokenRowFor(anna.vat);
    expect(before).toBeDefined();
    const merchantContext = await browser.newContext();
    const merchant = await merchantContext.newPage();
    await goToMobilePayAsMerchant(merchant, url);
    const cookieBefore = await linkCookie(merchantContext);
    expect(cookieBefore).toBeDefined();

    await forgeCallbackPost(merchantContext, new URL(page.url()).origin, {
      code: "forged-code",
      id_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
      state: "forged-state",
    });
    expect(await linkCookie(merchantContext)).toBe(cookieBefore);
    expect((await invitationRow(invitationId))?.status).toBe("opened");

    await answerAtMobilePay(merchant, anna);
    await expect(merchant.getByRole("heading", { name: "You are connected" })).toBeVisible();
    await merchantContext.close();
    expect((await tokenRowFor(anna.vat))?.version).toBe(before!.version + 1);
    const records = await queryConsoleDatabase<{ outcome: string }>(
      "SELECT outcome FROM CallbackRecord WHERE invitationId = ?",
      [invitationId],
    );
    expect(records.map((record) => record.outcome)).toEqual(["passed"]);
  });

  test("[LINKS]: a forged access_denied is not believed; the merchant's own cancel is", async ({ page, browser }) => {
    // Bo's grant was revoked by the unlink above, so MobilePay asks for consent again and Bo can cancel.
    const bo = PORTAL_USERS.bo;
    await signInAs(page, "integrator");
    const { invitationId, url } = await createInvitation(page, { merchantName: "Bos Cykler", vatNumber: bo.vat });
    const merchantContext = await browser.newContext();
    const merchant = await merchantContext.newPage();
    await goToMobilePayAsMerchant(merchant, url);
    const origin = new URL(page.url()).origin;
    await forgeCallbackPost(merchantContext, origin, { error: "access_denied" });
    await forgeCallbackPost(merchantContext, origin, { error: "access_denied", state: "forged-state" });
    expect(await invitationRow(invitationId)).toEqual({ status: "opened", failureReason: null });

    await answerAtMobilePay(merchant, bo, "Cancel");
    await expect(merchant.getByRole("heading", { name: "The connection was not completed" })).toBeVisible();
    await merchantContext.close();
    expect((await invitationRow(invitationId))?.failureReason).toContain("The merchant cancelled the consent");
  });

  test("[LINKS]: an answer that comes back as a query (GET) is refused on its consent link", async ({
    page,
    browser,
  }) => {
    await signInAs(page, "integrator");
    const { invitationId, url } = await createInvitation(page, {
      merchantName: "Bos Cykler",
      vatNumber: PORTAL_USERS.bo.vat,
    });
    const merchantContext = await browser.newContext();
    const merchant = await merchantContext.newPage();
    const authorization = merchant.waitForRequest((request) => request.url().includes("/connect/authorize"));
    await goToMobilePayAsMerchant(merchant, url);
    const state = new URL((await authorization).url()).searchParams.get("state");
    expect(state).toBeTruthy();
    // As if the authorization request had been altered to response_mode=query: the code lands in the URL.
    const query = new URLSearchParams({ code: "code-in-the-url", state: state! });
    await merchant.goto(`${SANDBOX_CALLBACK_PATH}?${query}`);
    await expect(merchant.getByRole("heading", { name: "The connection was not completed" })).toBeVisible();
    await merchantContext.close();
    const invitation = await invitationRow(invitationId);
    expect(invitation?.status).toBe("failed");
    expect(invitation?.failureReason).toContain(STAFF_MESSAGES.response_mode);
    const records = await queryConsoleDatabase<{ failedCheck: string }>(
      "SELECT failedCheck FROM CallbackRecord WHERE invitationId = ?",
      [invitationId],
    );
    expect(records.map((record) => record.failedCheck)).toEqual(["response_mode"]);
  });

  const BAD_TOKEN_ENDPOINT_ID_TOKENS: [string, CheckName][] = [
    ["bad-at-hash", "at_hash"],
    ["wrong-nonce", "nonce"],
    ["wrong-iss", "iss"],
  ];
  for (const [kind, check] of BAD_TOKEN_ENDPOINT_ID_TOKENS) {
    test(`[LINKS]: a token endpoint id_token with ${kind} is refused under its own check, with nothing stored`, async ({
      page,
    }) => {
      await signInAs(page, "integrator");
      const { invitationId, url } = await createInvitation(page, {
        merchantName: "Bos Cykler",
        vatNumber: PORTAL_USERS.bo.vat,
      });
      const before = await tokenRowFor(PORTAL_USERS.bo.vat);
      await sandboxControl("POST", "/control/token-endpoint/id-token-fault", { kind });
      await consentAsMerchant(page, url, PORTAL_USERS.bo);
      await expect(page.getByRole("heading", { name: "The connection was not completed" })).toBeVisible();
      expect(await tokenRowFor(PORTAL_USERS.bo.vat)).toEqual(before);
      const [record] = await queryConsoleDatabase<{ failedCheck: string; checks: string }>(
        "SELECT failedCheck, checks FROM CallbackRecord WHERE invitationId = ? ORDER BY receivedAt DESC",
        [invitationId],
      );
      expect(record?.failedCheck).toBe(check);
      const checks = JSON.parse(record!.checks) as { name: string; passed: boolean; detail: string }[];
      expect(checks.find((entry) => entry.name === check && !entry.passed)?.detail).toMatch(/^token endpoint: /);
      expect(checks.find((entry) => entry.name === "token_endpoint")?.passed).toBe(true);

      await page.goto("/merchants");
      const row = page.locator(`tr[data-invitation-id="${invitationId}"]`);
      await expect(row).toContainText(STAFF_MESSAGES[check]);
      await expect(row).not.toContainText(/expected values|assert/i);
    });
  }

  test("[ROLES]: support cannot create consent links or unlink", async ({ page }) => {
    await signInAs(page, "support");
    await expect(page.getByRole("link", { name: "Link a merchant" })).toHaveCount(0);
    const response = await page.request.post("/api/invitations", {
      headers: { origin: new URL(page.url()).origin },
      data: { merchantName: "X", vatNumber: "DK11111111", products: ["invoice"], environment: "sandbox" },
    });
    expect(response.status()).toBe(403);
  });
});
