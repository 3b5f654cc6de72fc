import { randomUUID } from "node:crypto";

import type { Browser, Page } from "@playwright/test";

import { scaled } from "../lib/testing/test-slowness";

import { insertMerchantOfEnvironment, queryConsoleDatabase } from "./fixtures/console-database";
import {
  allowTimeForSignIns,
  demoStaff,
  expect,
  fillSignInForm,
  formMessage,
  signInAs,
  signOut,
  test,
} from "./fixtures/console-test";

const WRONG_PASSWORD_MESSAGE = "Sign-in failed. Check your email and password.";
const THROTTLED_MESSAGE = "Too many failed attempts. Wait a few minutes before trying again.";

/** An admin adds a staff member on the staff page; the admin stays signed in on `page`. */
async function addStaffMember(page: Page, options: { prefix: string; name: string; role?: string }) {
  const email = `${options.prefix}-${randomUUID().slice(0, 8)}@example.com`;
  await signInAs(page, "admin");
  await page.goto("/staff");
  await page.getByLabel("Name").fill(options.name);
  await page.getByLabel("Email").fill(email);
  if (options.role) await page.getByLabel("Role", { exact: true }).selectOption(options.role);
  await page.getByLabel("Initial password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  return email;
}

/** The member signed in in a browser of their own. */
async function signedInElsewhere(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fillSignInForm(page, email, "a-long-enough-password");
  await expect(page.getByTestId("current-staff")).toBeVisible();
  return { context, page };
}

/** Answers the confirmation dialog the staff page asks before a role change or disabling someone. */
async function confirmInDialog(page: Page, title: string, confirm: string): Promise<void> {
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
  await expect(dialog).toBeHidden();
}

const sessionOf = async (page: Page) => (await page.request.get("/api/auth/session")).json() as Promise<unknown>;

const NAVIGATION = {
  admin: ["Merchants", "Audit", "Diagnostics", "Staff", "Demo", "API keys", "API", "Webhooks"],
  integrator: ["Merchants", "Audit", "Diagnostics", "API", "Webhooks"],
  support: ["Merchants", "Audit", "Diagnostics", "API keys", "API"],
  demo: ["Merchants", "Audit", "Diagnostics", "Demo", "API keys", "API"],
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
    allowTimeForSignIns(8);
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
      await expect(formMessage(page)).toHaveText(WRONG_PASSWORD_MESSAGE);
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

  test("[STAFF]: after signing out, the old session cookie opens nothing", async ({ browser, page, baseURL }) => {
    const email = await addStaffMember(page, { prefix: "leaving", name: "Lou Leaving" });
    const member = await signedInElsewhere(browser, email);
    const oldCookies = await member.context.cookies();
    await member.page.getByRole("button", { name: "Sign out" }).click();
    await expect(member.page).toHaveURL(/\/sign-in/);

    const replay = await browser.newContext();
    await replay.addCookies(oldCookies);
    const replayed = await replay.newPage();
    await replayed.goto("/audit");
    await expect(replayed).toHaveURL(/\/sign-in$/);
    expect(await sessionOf(replayed)).toEqual({});
    const diagnostics = await replayed.request.post("/api/diagnostics/run", { headers: { origin: baseURL! } });
    expect(diagnostics.status()).toBe(401);
    await replay.close();
    await member.context.close();
  });

  test("[STAFF]: rotating X-Forwarded-For does not get a guesser more attempts", async ({ page }) => {
    allowTimeForSignIns(8);
    const email = await addStaffMember(page, { prefix: "rotated", name: "Rita Rotated" });
    await signOut(page);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${attempt + 1}` });
      await fillSignInForm(page, email, `wrong-password-${attempt}`);
      await expect(formMessage(page)).toHaveText(WRONG_PASSWORD_MESSAGE);
    }
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.99" });
    await fillSignInForm(page, email, "a-long-enough-password");
    await expect(formMessage(page)).toHaveText(THROTTLED_MESSAGE);
  });

  test("[STAFF]: an admin unlocks a throttled account, and its owner signs in at once", async ({ browser, page }) => {
    allowTimeForSignIns(9);
    const email = await addStaffMember(page, { prefix: "unlocked", name: "Uma Unlocked" });
    const guesser = await browser.newContext();
    const guesserPage = await guesser.newPage();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await fillSignInForm(guesserPage, email, `wrong-password-${attempt}`);
      await expect(formMessage(guesserPage)).toHaveText(WRONG_PASSWORD_MESSAGE);
    }
    await fillSignInForm(guesserPage, email, "a-long-enough-password");
    await expect(formMessage(guesserPage)).toHaveText(THROTTLED_MESSAGE);

    await page.reload();
    const row = page.getByRole("row", { name: new RegExp(email) });
    await expect(row.getByText("Sign-in held back")).toBeVisible();
    await row.getByRole("button", { name: "Unlock sign-in" }).click();
    await expect(row.getByText("Sign-in held back")).toBeHidden();
    const unlocked = await queryConsoleDatabase<{ actorLabel: string; details: string }>(
      "SELECT actorLabel, details FROM AuditEvent WHERE action = 'staff.sign_in_unlocked' ORDER BY occurredAt DESC",
    );
    expect(unlocked[0]?.actorLabel).toBe(demoStaff("admin").email);
    expect(JSON.parse(unlocked[0]!.details)).toMatchObject({ email });

    await fillSignInForm(guesserPage, email, "a-long-enough-password");
    await expect(guesserPage.getByTestId("current-staff")).toHaveText("Uma Unlocked");
    await guesser.close();
  });

  for (const [action, path] of [
    ["sign-in", "callback/credentials"],
    ["sign-out", "signout"],
  ] as const) {
    test(`[STAFF]: a look-alike callbackUrl on ${action} leads back to the console, not to a 500`, async ({
      page,
      baseURL,
    }) => {
      const lookAlike = `${baseURL}.evil.example/`;
      const staff = demoStaff("support");
      if (action === "sign-out") await signInAs(page, "support");
      const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await page.request.post(`/api/auth/${path}`, {
        form: { csrfToken, callbackUrl: lookAlike, json: "true", email: staff.email, password: staff.password },
      });
      expect(response.status()).toBe(200);
      const { url } = (await response.json()) as { url: string };
      expect(new URL(url).origin).toBe(baseURL);

      const query = await page.request.get(`/api/auth/${action === "sign-in" ? "signin" : "signout"}`, {
        params: { callbackUrl: lookAlike },
        maxRedirects: 0,
      });
      expect(query.status()).toBeLessThan(500);

      // next-auth also reads a callback URL from its own cookie, which a page on a sibling host can plant.
      const planted = await page.request.post(`/api/auth/${path}`, {
        form: { csrfToken, json: "true", email: staff.email, password: staff.password },
        headers: { cookie: `mplc.callback-url=${encodeURIComponent(lookAlike)}` },
      });
      expect(planted.status()).toBe(200);
      expect(new URL(((await planted.json()) as { url: string }).url).origin).toBe(baseURL);
    });
  }
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

  test("[ROLES]: only an admin may unlock someone's sign-in; an integrator gets 403 and nothing is audited", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, "integrator");
    const target = await queryConsoleDatabase<{ id: string }>("SELECT id FROM StaffUser WHERE email = ?", [
      demoStaff("support").email,
    ]);
    const before = await queryConsoleDatabase<{ count: number }>(
      "SELECT COUNT(*) AS count FROM AuditEvent WHERE action = 'staff.sign_in_unlocked'",
    );
    const response = await page.request.delete(`/api/staff/${target[0]!.id}/sign-in-limits`, {
      headers: { origin: baseURL! },
    });
    expect(response.status()).toBe(403);
    const after = await queryConsoleDatabase<{ count: number }>(
      "SELECT COUNT(*) AS count FROM AuditEvent WHERE action = 'staff.sign_in_unlocked'",
    );
    expect(after[0]!.count).toBe(before[0]!.count);
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
    await confirmInDialog(page, "Disable Lee Leaver?", "Disable");
    await expect(page.getByRole("row", { name: new RegExp(email) }).getByText("Disabled")).toBeVisible();

    await leaver.goto("/merchants");
    await expect(leaver).toHaveURL(/\/sign-in$/);
    await leaverContext.close();
  });

  test("[STAFF]: the session endpoint answers the current role, and no session once disabled", async ({
    browser,
    page,
  }) => {
    allowTimeForSignIns(4);
    const email = await addStaffMember(page, { prefix: "changing", name: "Cai Changing", role: "integrator" });
    let member = await signedInElsewhere(browser, email);
    expect(await sessionOf(member.page)).toMatchObject({ user: { email, role: "integrator" } });

    const row = page.getByRole("row", { name: new RegExp(email) });
    const role = row.getByLabel(`Role of ${email}`);
    // Nothing changes until the admin confirms.
    await role.selectOption("support");
    const dialog = page.getByRole("dialog", { name: "Make Cai Changing support?" });
    await expect(dialog).toContainText("signed out everywhere");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(role).toHaveValue("integrator");
    expect(await sessionOf(member.page)).toMatchObject({ user: { email, role: "integrator" } });

    await role.selectOption("support");
    await confirmInDialog(page, "Make Cai Changing support?", "Change to Support");
    await expect(role).toHaveValue("support");
    // A new role ends the sessions issued under the old one.
    expect(await sessionOf(member.page)).toEqual({});
    await member.context.close();

    member = await signedInElsewhere(browser, email);
    expect(await sessionOf(member.page)).toMatchObject({ user: { email, role: "support" } });
    await row.getByRole("button", { name: "Disable" }).click();
    await confirmInDialog(page, "Disable Cai Changing?", "Disable");
    await expect(row.getByText("Disabled")).toBeVisible();
    expect(await sessionOf(member.page)).toEqual({});
    await member.context.close();
  });

  test("[STAFF]: sign out everywhere ends every session of the member", async ({ browser, page }) => {
    const email = await addStaffMember(page, { prefix: "everywhere", name: "Eve Everywhere" });
    const first = await signedInElsewhere(browser, email);
    const second = await signedInElsewhere(browser, email);
    await page
      .getByRole("row", { name: new RegExp(email) })
      .getByRole("button", { name: "Sign out everywhere" })
      .click();
    for (const member of [first, second]) {
      await expect(async () => {
        await member.page.goto("/merchants");
        await expect(member.page).toHaveURL(/\/sign-in$/);
      }).toPass({ timeout: scaled(15_000) });
      await member.context.close();
    }
  });
});

test.describe("[DEMO] sandbox environments only", () => {
  test("[DEMO]: a demo account cannot see a production merchant anywhere; an admin can", async ({ page }) => {
    const merchant = { id: `prod-${randomUUID().slice(0, 8)}`, name: `Produktion ${randomUUID().slice(0, 4)} ApS` };
    await insertMerchantOfEnvironment({ ...merchant, environment: "production" });

    await signInAs(page, "demo");
    for (const path of [`/merchants/${merchant.id}`, `/merchants/${merchant.id}/calls`]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(page.getByText(merchant.name)).toHaveCount(0);
    }
    for (const path of [
      `/api/merchants/${merchant.id}/state`,
      `/api/merchants/${merchant.id}/view`,
      `/api/merchants/${merchant.id}/calls`,
    ]) {
      expect((await page.request.get(path)).status()).toBe(404);
    }
    // The list's polled answer does not name it either.
    const list = await page.request.get(`/api/merchants?q=${encodeURIComponent(merchant.name)}`);
    expect(list.status()).toBe(200);
    expect(await list.text()).not.toContain(merchant.id);
    await page.goto("/merchants");
    await expect(page.getByRole("heading", { name: "Merchants", level: 1 })).toBeVisible();
    await expect(page.getByText(merchant.name)).toHaveCount(0);
    await page.goto(`/audit?merchant=${merchant.id}`);
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(page.getByText("No matching events")).toBeVisible();
    await signOut(page);

    await signInAs(page, "admin");
    await page.goto(`/merchants/${merchant.id}`);
    await expect(page.getByRole("heading", { name: merchant.name })).toBeVisible();
    await page.goto(`/audit?merchant=${merchant.id}`);
    await expect(page.getByText("No matching events")).toHaveCount(0);
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
