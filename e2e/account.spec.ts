import { randomUUID } from "node:crypto";

import type { Browser, Page } from "@playwright/test";

import { scaled } from "../lib/testing/test-slowness";

import { allowTimeForSignIns, expect, fillSignInForm, formMessage, signInAs, test } from "./fixtures/console-test";

const FIRST_PASSWORD = "a-long-enough-password";
const UNUSABLE_LINK = "This password reset link cannot be used. Ask an admin of the console for a new one.";

/** An admin adds a staff member on the staff page; the admin stays signed in on `page`. */
async function addStaffMember(page: Page, name: string) {
  const email = `account-${randomUUID().slice(0, 8)}@example.com`;
  await signInAs(page, "admin");
  await page.goto("/staff");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password").fill(FIRST_PASSWORD);
  await page.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  return email;
}

/** The member signed in in a browser of their own. */
async function signedInElsewhere(browser: Browser, email: string, password = FIRST_PASSWORD) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fillSignInForm(page, email, password);
  await expect(page.getByTestId("current-staff")).toBeVisible();
  return { context, page };
}

/** The session has ended on the server: the next page sends the browser to sign-in. */
async function expectSignedOut(page: Page) {
  await expect(async () => {
    await page.goto("/merchants");
    await expect(page).toHaveURL(/\/sign-in$/);
  }).toPass({ timeout: scaled(15_000) });
}

async function openAccount(page: Page) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
}

test.describe("[ACCOUNT] the account page", () => {
  test("[ACCOUNT]: the header links every role to its account page, which names the second factors", async ({
    page,
  }) => {
    for (const role of ["admin", "integrator", "support", "demo"] as const) {
      await page.context().clearCookies();
      await signInAs(page, role);
      const menu = page.getByRole("button", { name: "Menu" });
      if (await menu.isVisible()) await menu.click();
      await page.getByRole("link", { name: "Account", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
      await expect(page.getByTestId("current-session")).toContainText("This browser");
      await expect(page.getByTestId("second-factor-summary")).toBeVisible();
      await expect(page.getByRole("link", { name: /Security page/ })).toHaveAttribute("href", "/second-factor");
    }
  });

  test("[ACCOUNT]: a staff member renames themselves, and a name with a bidi override is refused", async ({
    browser,
    page,
  }) => {
    allowTimeForSignIns(3);
    const email = await addStaffMember(page, "Nora Named");
    const member = await signedInElsewhere(browser, email);
    await openAccount(member.page);
    const name = member.page.getByLabel("Display name");

    await name.fill("Nora \u202Eevil");
    await member.page.getByRole("button", { name: "Save name" }).click();
    await expect(member.page.getByText("Remove bidirectional text controls")).toBeVisible();
    await expect(member.page.getByTestId("current-staff")).toHaveText("Nora Named");

    await name.fill("Nora Renamed");
    await member.page.getByRole("button", { name: "Save name" }).click();
    await expect(member.page.getByText("Your name is saved.")).toBeVisible();
    await expect(member.page.getByTestId("current-staff")).toHaveText("Nora Renamed");
    await page.goto("/staff");
    await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Nora Renamed");
    await member.context.close();
  });

  test("[ACCOUNT]: a password change needs the right current password and signs out the other sessions", async ({
    browser,
    page,
  }) => {
    allowTimeForSignIns(6);
    const email = await addStaffMember(page, "Paul Password");
    const here = await signedInElsewhere(browser, email);
    const elsewhere = await signedInElsewhere(browser, email);
    await openAccount(here.page);

    await here.page.getByLabel("Current password").fill("not-my-password-at-all");
    await here.page.getByLabel("New password").fill("my-brand-new-password");
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText("This is not your current password")).toBeVisible();
    await here.page.goto("/merchants");
    await expect(elsewhere.page.getByTestId("current-staff")).toBeVisible();

    await openAccount(here.page);
    await here.page.getByLabel("Current password").fill(FIRST_PASSWORD);
    await here.page.getByLabel("New password").fill("short");
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText("Use at least 12 characters")).toBeVisible();

    await here.page.getByLabel("Current password").fill(FIRST_PASSWORD);
    await here.page.getByLabel("New password").fill("my-brand-new-password");
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(formMessage(here.page).filter({ hasText: "Your password is changed." })).toContainText(
      "One other session was signed out.",
    );
    await expectSignedOut(elsewhere.page);
    await here.page.goto("/merchants");
    await expect(here.page.getByTestId("current-staff")).toHaveText("Paul Password");

    await fillSignInForm(elsewhere.page, email, FIRST_PASSWORD);
    await expect(formMessage(elsewhere.page)).toHaveText("Sign-in failed. Check your email and password.");
    await fillSignInForm(elsewhere.page, email, "my-brand-new-password");
    await expect(elsewhere.page.getByTestId("current-staff")).toHaveText("Paul Password");
    await here.context.close();
    await elsewhere.context.close();
  });

  test('[ACCOUNT]: "sign out other sessions" ends a second browser\'s session and keeps this one', async ({
    browser,
    page,
  }) => {
    allowTimeForSignIns(4);
    const email = await addStaffMember(page, "Otto Others");
    const here = await signedInElsewhere(browser, email);
    const elsewhere = await signedInElsewhere(browser, email);
    await openAccount(here.page);
    await expect(here.page.getByTestId("current-session")).toHaveCount(1);
    await expect(here.page.getByTestId("other-session")).toHaveCount(1);

    await here.page.getByRole("button", { name: "Sign out other sessions" }).click();
    await expect(here.page.getByText("One other session was signed out.")).toBeVisible();
    await expect(here.page.getByTestId("other-session")).toHaveCount(0);
    await expect(here.page.getByRole("button", { name: "Sign out other sessions" })).toBeDisabled();
    await expectSignedOut(elsewhere.page);
    await here.page.goto("/merchants");
    await expect(here.page.getByTestId("current-staff")).toHaveText("Otto Others");

    // One browser signed out from the list: that one only.
    const third = await signedInElsewhere(browser, email);
    await openAccount(here.page);
    await here.page
      .getByTestId("other-session")
      .getByRole("button", { name: /^Sign out/ })
      .click();
    await expect(here.page.getByText("That session is signed out.")).toBeVisible();
    await expectSignedOut(third.page);
    await here.page.goto("/merchants");
    await expect(here.page.getByTestId("current-staff")).toHaveText("Otto Others");
    for (const member of [here, elsewhere, third]) await member.context.close();
  });
});

test.describe("[ACCOUNT] password reset links", () => {
  test("[ACCOUNT]: an admin's reset link sets a new password once, then shows the neutral message", async ({
    browser,
    page,
  }) => {
    allowTimeForSignIns(5);
    const email = await addStaffMember(page, "Rita Reset");
    const member = await signedInElsewhere(browser, email);
    const row = page.getByRole("row", { name: new RegExp(email) });
    await row.getByRole("button", { name: "Password reset link" }).click();
    const shown = page.getByTestId("password-reset-link");
    await expect(shown).toHaveText(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const link = (await shown.textContent())!;
    // Shown once: the staff page no longer has it after a reload.
    await page.reload();
    await expect(page.getByTestId("password-reset-link")).toHaveCount(0);

    const stranger = await browser.newContext();
    const resetPage = await stranger.newPage();
    await resetPage.goto(new URL(link).pathname);
    await expect(resetPage.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible();
    await expect(resetPage.getByText(email)).toBeVisible();
    await expect(resetPage.locator("form[data-hydrated=true]")).toBeVisible();
    // The policy is checked first, and a refused password does not use the link up.
    await resetPage.getByLabel("New password").fill("too-short");
    await resetPage.getByRole("button", { name: "Set password" }).click();
    await expect(resetPage.getByText("Use at least 12 characters")).toBeVisible();
    await resetPage.getByLabel("New password").fill("set-through-the-link");
    await resetPage.getByRole("button", { name: "Set password" }).click();
    await expect(resetPage.getByText("Your password is set.")).toBeVisible();

    // Every session of the account ended; the new password signs in.
    await expectSignedOut(member.page);
    await fillSignInForm(resetPage, email, "set-through-the-link");
    await expect(resetPage.getByTestId("current-staff")).toHaveText("Rita Reset");

    // The same link again, and a link that never existed, read alike.
    for (const path of [new URL(link).pathname, `/reset-password/${"A".repeat(43)}`]) {
      await resetPage.goto(path);
      await expect(resetPage.getByRole("status")).toHaveText(UNUSABLE_LINK);
      await expect(resetPage.getByLabel("New password")).toHaveCount(0);
    }
    const replay = await resetPage.request.post(`/api/password-reset/${new URL(link).pathname.split("/").pop()}`, {
      data: { password: "yet-another-password" },
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(replay.status()).toBe(404);
    expect((await replay.json()) as unknown).toMatchObject({ error: { message: UNUSABLE_LINK } });
    await stranger.close();
    await member.context.close();
  });
});
