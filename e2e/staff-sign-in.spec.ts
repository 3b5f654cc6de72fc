import { randomUUID } from "node:crypto";

import { demoStaff, expect, fillSignInForm, formMessage, signInAs, signOut, test } from "./fixtures/console-test";

const NAVIGATION = {
  admin: ["Merchants", "Audit", "Diagnostics", "Staff"],
  integrator: ["Merchants", "Audit", "Diagnostics"],
  support: ["Merchants", "Audit", "Diagnostics"],
  demo: ["Merchants", "Audit", "Diagnostics"],
} as const;

test.describe("[STAFF] sign-in and roles", () => {
  for (const role of Object.keys(NAVIGATION) as (keyof typeof NAVIGATION)[]) {
    test(`[STAFF]: ${role} signs in and sees the ${role} navigation`, async ({ page }) => {
      await signInAs(page, role);
      await expect(page).toHaveURL(/\/merchants$/);
      const navigation = page.getByRole("navigation", { name: "Main" }).getByRole("link");
      await expect(navigation).toHaveText([...NAVIGATION[role]]);
      await expect(page.getByRole("heading", { name: "Merchants", level: 1 })).toBeVisible();
    });
  }

  test("[STAFF]: a wrong password gets a generic error and no session", async ({ page }) => {
    await fillSignInForm(page, demoStaff("support").email, "not-the-password");
    await expect(formMessage(page)).toHaveText("Sign-in failed. Check your email and password.");
    await page.goto("/merchants");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("[STAFF]: an unknown account gets the same error as a wrong password", async ({ page }) => {
    await fillSignInForm(page, `nobody-${randomUUID()}@example.com`, "whatever-password");
    await expect(formMessage(page)).toHaveText("Sign-in failed. Check your email and password.");
  });

  test("[STAFF]: repeated failures throttle the account, even with the right password", async ({ page }) => {
    const email = `throttled-${randomUUID().slice(0, 8)}@example.com`;
    await signInAs(page, "admin");
    await page.goto("/staff");
    await page.getByLabel("Name").fill("Throttle Target");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Initial password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Add staff member" }).click();
    await expect(formMessage(page)).toContainText(`${email} can now sign in.`);
    await signOut(page);

    for (let attempt = 0; attempt < 5; attempt += 1) {
      await fillSignInForm(page, email, `wrong-password-${attempt}`);
      await expect(formMessage(page)).toHaveText("Sign-in failed. Check your email and password.");
    }
    await fillSignInForm(page, email, "correct-horse-battery");
    await expect(formMessage(page)).toHaveText("Too many failed attempts. Wait a few minutes before trying again.");
  });

  test("[STAFF]: signing out ends the session", async ({ page }) => {
    await signInAs(page, "integrator");
    await signOut(page);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("[ROLES] enforced on the server", () => {
  test("[ROLES]: support gets 403 when calling a mutation directly", async ({ page, baseURL }) => {
    await signInAs(page, "support");
    const response = await page.request.post("/api/staff", {
      headers: { origin: baseURL! },
      data: { email: "sneaky@example.com", name: "Sneaky", role: "admin", password: "long-enough-password" },
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "FORBIDDEN", message: "Your role does not allow this action." },
    });
  });

  test("[ROLES]: support gets the 403 page for staff management", async ({ page }) => {
    await signInAs(page, "support");
    const response = await page.goto("/staff");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });

  test("[ROLES]: an API call without a session is refused", async ({ request }) => {
    const response = await request.get("/api/staff");
    expect(response.status()).toBe(401);
  });

  test("[ROLES]: a cross-site mutation is refused even for an admin", async ({ page }) => {
    await signInAs(page, "admin");
    const response = await page.request.post("/api/staff", {
      headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      data: { email: "csrf@example.com", name: "Csrf", role: "admin", password: "long-enough-password" },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("CROSS_SITE_REQUEST");
  });
});

test.describe("[STAFF] management", () => {
  test("[STAFF]: an admin adds a staff member who can then sign in with their role", async ({ page }) => {
    const email = `new-${randomUUID().slice(0, 8)}@example.com`;
    await signInAs(page, "admin");
    await page.getByRole("link", { name: "Staff" }).click();
    await page.getByLabel("Name").fill("Nora New");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("integrator");
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Add staff member" }).click();
    await expect(page.getByText("Use at least 12 characters")).toBeVisible();

    await page.getByLabel("Initial password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Add staff member" }).click();
    await expect(formMessage(page)).toContainText(`${email} can now sign in.`);
    await expect(page.getByRole("cell", { name: email })).toBeVisible();

    await signOut(page);
    await fillSignInForm(page, email, "a-long-enough-password");
    await expect(page.getByTestId("current-staff")).toHaveText("Nora New");
  });

  test("[STAFF]: a disabled staff member loses access at once", async ({ browser, page }) => {
    const email = `leaver-${randomUUID().slice(0, 8)}@example.com`;
    await signInAs(page, "admin");
    await page.goto("/staff");
    await page.getByLabel("Name").fill("Lee Leaver");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Initial password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Add staff member" }).click();
    await expect(page.getByRole("cell", { name: email })).toBeVisible();

    const leaverContext = await browser.newContext();
    const leaver = await leaverContext.newPage();
    await fillSignInForm(leaver, email, "a-long-enough-password");
    await expect(leaver.getByTestId("current-staff")).toHaveText("Lee Leaver");

    await page
      .getByRole("row", { name: new RegExp(email) })
      .getByRole("button", { name: "Disable" })
      .click();
    await expect(page.getByRole("row", { name: new RegExp(email) }).getByText("Disabled")).toBeVisible();

    await leaver.goto("/merchants");
    await expect(leaver).toHaveURL(/\/sign-in$/);
    await leaverContext.close();
  });
});

test.describe("[SHELL] pages and headers", () => {
  test("[SHELL]: unknown routes get the 404 page", async ({ page }) => {
    await signInAs(page, "support");
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("[SHELL]: responses carry a nonce-based CSP and framing protection", async ({ page }) => {
    const response = await page.goto("/sign-in");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-powered-by"]).toBeUndefined();
  });

  test("[SHELL]: the health endpoint reports the database and key", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      checks: { database: { ok: true }, encryptionKey: { ok: true } },
    });
  });
});
