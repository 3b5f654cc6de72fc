import type { Page } from "@playwright/test";

import { TIMELINE_SERVER_RENDERED_ENTRIES } from "../lib/inspection/timeline";

import { queryConsoleDatabase } from "./fixtures/console-database";
import { expect, fillSignInForm, signInAs, signOut, test } from "./fixtures/console-test";
import { consentAsMerchant, createInvitation } from "./fixtures/linking";
import { addVirtualAuthenticator } from "./fixtures/virtual-authenticator";
import { PORTAL_USERS, sandboxControl } from "./fixtures/sandbox-control";

const bo = PORTAL_USERS.bo;

/** Links Bos Cykler with a fresh consent link (relinking when an earlier spec left it linked or unlinked). */
async function linkBo(page: Page): Promise<string> {
  await signInAs(page, "integrator");
  const { url } = await createInvitation(page, { merchantName: "Bos Cykler", vatNumber: bo.vat });
  await consentAsMerchant(page, url, bo);
  await expect(page.getByRole("heading", { name: "You are connected" })).toBeVisible();
  const rows = await queryConsoleDatabase<{ id: string }>(
    "SELECT m.id FROM Merchant m JOIN MerchantTokenSet t ON t.merchantId = m.id WHERE m.vatNumber = ?",
    [bo.vat],
  );
  expect(rows).toHaveLength(1);
  await page.goto("/merchants");
  await signOut(page);
  return rows[0]!.id;
}

function sameOrigin(page: Page) {
  return { origin: new URL(page.url()).origin };
}

test.describe.configure({ mode: "serial" });

test.describe("[INSPECTION] support inspection and OIDC diagnostics", () => {
  let merchantId: string;

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    merchantId = await linkBo(page);
    await page.close();
  });

  test("[INSPECTION]: support sees claims, masked tokens, scopes and the timeline, never a token", async ({ page }) => {
    await signInAs(page, "support");
    await page.goto(`/merchants/${merchantId}`);
    await expect(page.getByRole("table", { name: "id_token claims" })).toContainText(bo.vat);
    await expect(page.getByRole("table", { name: "Access token claims" })).toContainText("Audience");

    const tokens = page.getByRole("table", { name: "Stored tokens" });
    for (const kind of ["access", "refresh"]) {
      const row = tokens.locator(`tr[data-token-kind="${kind}"]`);
      await expect(row).toContainText(/[0-9a-f]{12}/);
      await expect(row).toContainText(/…\S{4}/);
    }
    await expect(tokens.locator('tr[data-token-kind="access"]')).toContainText("JWT");
    await expect(page.getByRole("table", { name: "Requested vs granted scopes" })).toContainText("granted");

    const timeline = page.getByRole("list", { name: "Merchant timeline" });
    await expect(timeline.locator("li[data-kind=consent], li[data-kind=relink]").first()).toBeVisible();
    await page
      .getByRole("group", { name: "Filter the timeline by kind" })
      .getByRole("button", { name: "Invitations" })
      .click();
    await expect(timeline.locator("li").first()).toHaveAttribute("data-kind", "invitation");
    await expect(timeline.locator("li[data-kind=consent], li[data-kind=relink]")).toHaveCount(0);

    // Passed responses are folded away; open the newest one.
    await page.locator("[data-callback-record] summary").first().click();
    await expect(page.getByRole("list", { name: "Callback checks" }).first()).toContainText("c_hash");
    await expect(page.locator("[data-clock-source]").first()).toHaveAttribute("data-level", "pass");
    await expect(page.getByTestId("lineage")).toContainText("generation");
    await expect(page.getByText("Reveal a token (admin)")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Refresh now" })).toHaveCount(0);
    // No JWT (they all start with a base64url JSON header) anywhere in the HTML or the RSC payload.
    expect(await page.content()).not.toContain("eyJhbGciOi");
  });

  test("[INSPECTION]: the server refuses a reveal by support with 403", async ({ page }) => {
    await signInAs(page, "support");
    const response = await page.request.post(`/api/merchants/${merchantId}/reveal`, {
      headers: sameOrigin(page),
      data: { token: "refresh", reason: "Support wants to look at the token" },
    });
    expect(response.status()).toBe(403);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.text()).not.toContain("eyJ");
  });

  test("[INSPECTION]: an admin reveal needs a reason, shows the value once and is audited", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto(`/merchants/${merchantId}`);
    await page.getByText("Reveal a token (admin)").click();
    await page.getByLabel("Token", { exact: true }).selectOption("access");
    await page.getByLabel("Reason").fill("short");
    await page.getByRole("button", { name: "Reveal once" }).click();
    await expect(page.getByText("at least 10 characters")).toBeVisible();
    await expect(page.getByLabel("Revealed token value")).toHaveCount(0);

    const reason = `Ticket ${Date.now()}: compare with the merchant's log`;
    await page.getByLabel("Reason").fill(reason);
    await page.getByRole("button", { name: "Reveal once" }).click();
    const value = page.getByLabel("Revealed token value");
    await expect(value).toHaveValue(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    await page.getByRole("button", { name: "Hide now" }).click();
    await expect(value).toHaveCount(0);

    await page.goto(`/audit?merchant=${merchantId}&type=tokens.revealed`);
    const row = page.getByRole("row").filter({ hasText: reason });
    await expect(row).toContainText("tokens.revealed");
    await expect(row).toContainText("admin@example.com");
    const events = await queryConsoleDatabase<{ details: string }>(
      "SELECT details FROM AuditEvent WHERE action = 'tokens.revealed' AND merchantId = ? ORDER BY occurredAt DESC",
      [merchantId],
    );
    expect(JSON.parse(events[0]!.details)).toMatchObject({ token: "access", reason });

    // The event's merchant link opens the merchant inside the app, in the same document.
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await expect(page.locator("tbody[data-hydrated=true]")).toBeVisible();
    await row.locator(`a[href="/merchants/${merchantId}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/merchants/${merchantId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  test("[INSPECTION]: an admin whose only second factor is a passkey confirms a reveal with it", async ({
    page,
    browser,
    baseURL,
  }) => {
    const admin = { email: `passkey-admin-${Date.now()}@example.com`, password: "passkey-admin-password" };
    await signInAs(page, "admin");
    const created = await page.request.post("/api/staff", {
      headers: sameOrigin(page),
      data: { email: admin.email, name: "Petra Passkey", role: "admin", password: admin.password },
    });
    expect(created.status(), await created.text()).toBe(200);

    // A browser of the new admin's own, with an authenticator to register a passkey in.
    const context = await browser.newContext({ baseURL });
    const own = await context.newPage();
    await addVirtualAuthenticator(own);
    await fillSignInForm(own, admin.email, admin.password);
    await expect(own.getByTestId("current-staff")).toHaveText("Petra Passkey");
    await own.goto("/second-factor");
    await own.getByLabel("Passkey name").fill("Support laptop");
    await own.getByRole("button", { name: "Add a passkey" }).click();
    await expect(own.getByTestId("passkey-list").getByRole("listitem")).toHaveCount(1);

    // Registered but never used to sign: not fresh, and there is no app to give a code from.
    await own.goto(`/merchants/${merchantId}`);
    await own.getByText("Reveal a token (admin)").click();
    await own.getByLabel("Reason").fill("Ticket 4711: the merchant's billing fails");
    await own.getByRole("button", { name: "Reveal once" }).click();
    await expect(own.getByTestId("reveal-passkey-hint")).toBeVisible();
    await expect(own.getByLabel("Authentication code")).toHaveCount(0);
    await expect(own.getByLabel("Revealed token value")).toHaveCount(0);
    await own.getByRole("button", { name: "Confirm with a passkey and reveal" }).click();
    await expect(own.getByLabel("Revealed token value")).toHaveValue(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);

    const events = await queryConsoleDatabase<{ actorLabel: string }>(
      "SELECT actorLabel FROM AuditEvent WHERE action = 'tokens.revealed' AND merchantId = ? ORDER BY occurredAt DESC",
      [merchantId],
    );
    expect(events[0]?.actorLabel).toBe(admin.email);
    await context.close();
  });

  test("[INSPECTION]: the audit log ignores invalid filters and admins export CSV", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto(`/audit?merchant=${merchantId}&type=BAD%25&from=yesterday`);
    await expect(page.getByText("Ignored:")).toContainText("type");
    await expect(page.getByRole("table", { name: "Audit events" })).toContainText("link.");
    const csv = await page.request.get(`/api/audit/export?merchant=${merchantId}&type=link.`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe(
      "occurredAt,action,outcome,actorType,actorId,actorLabel,environment,merchantId,details,id",
    );
    expect(text).toContain(merchantId);
    expect((await page.request.get("/api/audit/export?from=not-a-date")).status()).toBe(422);
    await signOut(page);
    await signInAs(page, "support");
    expect((await page.request.get(`/api/audit/export?merchant=${merchantId}`)).status()).toBe(403);
  });

  test("[DIAGNOSTICS]: a skewed sandbox clock turns the clock check red, and green again", async ({ page }) => {
    await signInAs(page, "support");
    await page.goto("/diagnostics");
    const clockCheck = page.getByRole("list", { name: "Built-in sandbox checks" }).locator("li[data-check=clock_skew]");
    try {
      await sandboxControl("PUT", "/control/clock", { skewSeconds: 120 });
      await page.getByRole("button", { name: /Run checks/ }).click();
      await expect(clockCheck).toHaveAttribute("data-level", "fail");
      await expect(clockCheck).toContainText("ahead of this console");
      await expect(
        page.getByRole("list", { name: "Built-in sandbox checks" }).locator("li[data-check=client_credentials]"),
      ).toHaveAttribute("data-level", "pass");
    } finally {
      await sandboxControl("PUT", "/control/clock", { skewSeconds: 0 });
    }
    await page.getByRole("button", { name: /Run checks/ }).click();
    await expect(clockCheck).toHaveAttribute("data-level", "pass");
    await expect(
      page.getByRole("list", { name: "Console checks" }).locator("li[data-check=cookie_settings]"),
    ).toHaveAttribute("data-level", "pass");
  });

  test("[INSPECTION]: a long timeline comes with its newest entries in the HTML and shows all once hydrated", async ({
    page,
  }) => {
    await signInAs(page, "integrator");
    for (let refresh = 0; refresh < TIMELINE_SERVER_RENDERED_ENTRIES + 3; refresh++) {
      const response = await page.request.post(`/api/merchants/${merchantId}/refresh`, { headers: sameOrigin(page) });
      expect(response.ok()).toBe(true);
    }
    const html = await (await page.request.get(`/merchants/${merchantId}`)).text();
    expect(html.match(/<li data-kind="refresh"/g)).toHaveLength(TIMELINE_SERVER_RENDERED_ENTRIES);

    await page.goto(`/merchants/${merchantId}`);
    const timeline = page.getByRole("list", { name: "Merchant timeline" });
    await expect(timeline).toHaveAttribute("aria-busy", "false");
    const total = Number(await timeline.getAttribute("data-entries"));
    expect(total).toBeGreaterThan(TIMELINE_SERVER_RENDERED_ENTRIES + 3);
    await expect(timeline.locator("li")).toHaveCount(total);
    await expect(timeline.locator("li[data-kind=consent], li[data-kind=relink]").first()).toBeAttached();
  });
});
