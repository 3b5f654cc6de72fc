import { existsSync, rmSync } from "node:fs";
import path from "node:path";

import type { Browser, Page } from "@playwright/test";
import bcrypt from "bcryptjs";

import type { Database } from "../lib/db/create-client";
import { resetLinkIn, startLocalSmtpServer, type LocalSmtpServer } from "../lib/mail/testing/local-smtp-server";
import { scaled } from "../lib/testing/test-slowness";
import { freePort } from "../scripts/throwaway-postgres";

import { expect, fillSignInForm, test } from "./fixtures/console-test";
import { expectNoAxeViolations, expectNoSidewaysScroll, PHONE } from "./fixtures/page-checks";
import { spawnConsole, specDatabase, waitUntilHealthy, type SpawnedConsole } from "./support/spawned-console";

/**
 * Reset links by mail, on a console of its own that mails through a real SMTP server started by the spec:
 * "Forgot password?" from the sign-in page to a new password, the same answer for an email without an
 * account (and no mail), and an admin's link mailed, or named as not sent when the mail server is gone.
 */
const ADMIN = { email: "ada@example.com", name: "Ada Admin", password: "ada-admin-password" };
const MEMBER = { email: "mo@example.com", name: "Mo Member", password: "mo-first-password" };
const DISABLED = { email: "dee@example.com", name: "Dee Disabled", password: "dee-old-password" };

let directory: string;
let db: Database;
let smtp: LocalSmtpServer;
let console_: SpawnedConsole;

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: console_.url })).newPage();
}

/** Through the sign-in page's link; answers the message the page shows. */
async function askForResetLink(page: Page, email: string): Promise<string> {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = page.getByRole("status").filter({ hasText: "link to set a new password" });
  await expect(answer).toBeVisible();
  return (await answer.textContent())!;
}

test.describe.configure({ mode: "serial" });

test.describe("password reset links by mail", () => {
  test.skip(!existsSync(path.join(".next", "BUILD_ID")), "needs the production build the e2e suite makes");

  test.beforeAll(async () => {
    test.setTimeout(scaled(150_000));
    smtp = await startLocalSmtpServer({ login: { user: "console", pass: "mail-password" } });
    const created = specDatabase("console-reset-mail-");
    ({ directory, db } = created);
    for (const [person, role, disabled] of [
      [ADMIN, "admin", false],
      [MEMBER, "support", false],
      [DISABLED, "support", true],
    ] as const) {
      await db.staffUser.create({
        data: {
          email: person.email,
          name: person.name,
          role,
          disabled,
          passwordHash: await bcrypt.hash(person.password, 10),
        },
      });
    }
    console_ = spawnConsole({
      port: await freePort(),
      directory,
      name: "reset-mail",
      databaseUrl: created.databaseUrl,
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: "MobilePay Link Console <console@example.com>",
        STAFF_ADMIN_SECOND_FACTOR: "false",
      },
    });
    await waitUntilHealthy(console_);
  });

  // Password sign-ins (bcrypt) and page loads of a production console on a busy machine.
  test.beforeEach(() => test.setTimeout(scaled(120_000)));

  test.afterAll(async () => {
    console_?.process.kill("SIGTERM");
    await db?.$disconnect();
    await smtp?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  test("forgot password: the mailed link sets a new password that signs in", async ({ browser }) => {
    const page = await freshPage(browser);
    await askForResetLink(page, MEMBER.email.toUpperCase());
    const mail = await smtp.waitForMail(MEMBER.email, scaled(20_000));
    expect(mail.decoded).toContain("Someone asked to reset the password of mo@example.com");
    const link = resetLinkIn(mail);
    expect(link).toMatch(new RegExp(`^${console_.url}/reset-password/`));

    await page.goto(link!);
    await expect(page.getByText(MEMBER.email)).toBeVisible();
    await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
    await page.getByLabel("New password").fill("mo-chosen-after-forgetting");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText("Your password is set.")).toBeVisible();
    await fillSignInForm(page, MEMBER.email, "mo-chosen-after-forgetting");
    await expect(page.getByTestId("current-staff")).toHaveText(MEMBER.name);

    const requested = await db.auditEvent.findFirstOrThrow({ where: { action: "staff.password_reset_requested" } });
    expect(requested.actorLabel).toBe("forgot-password");
    await page.context().close();

    // Used once; opened again it offers to ask for a new one.
    const again = await freshPage(browser);
    await again.goto(new URL(link!).pathname);
    await expect(again.getByText("This password reset link cannot be used.")).toBeVisible();
    await again.getByRole("link", { name: "Get a new link by mail" }).click();
    await expect(again.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await again.context().close();
  });

  test("an unknown or disabled email gets the same answer, and no mail", async ({ browser }) => {
    const page = await freshPage(browser);
    const forUnknown = await askForResetLink(page, "nobody@example.com");
    const forDisabled = await askForResetLink(page, DISABLED.email);
    const forKnown = await askForResetLink(page, ADMIN.email);
    expect(forUnknown).toBe(forKnown);
    expect(forDisabled).toBe(forKnown);
    // The admin's mail was asked for last; once it is in, the two before it would have been too.
    await smtp.waitForMail(ADMIN.email, scaled(20_000));
    const strays = smtp.received.filter((mail) =>
      mail.to.some((to) => to === "nobody@example.com" || to === DISABLED.email),
    );
    expect(strays).toEqual([]);
    expect(await db.staffPasswordReset.count({ where: { staff: { email: DISABLED.email } } })).toBe(0);
    await page.context().close();
  });

  test("[A11Y]: the forgot-password page fits a phone and passes axe, before and after asking", async ({ browser }) => {
    const page = await (await browser.newContext({ baseURL: console_.url, viewport: PHONE })).newPage();
    await page.goto("/forgot-password");
    await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await askForResetLink(page, "nobody@example.com");
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  test("an admin's reset link is mailed, and still shown; without the mail server the page says so", async ({
    browser,
  }) => {
    const page = await freshPage(browser);
    await fillSignInForm(page, ADMIN.email, ADMIN.password);
    await expect(page.getByTestId("current-staff")).toHaveText(ADMIN.name);
    await page.goto("/staff");
    const row = page.getByRole("row", { name: new RegExp(MEMBER.email) });
    const before = smtp.received.length;
    await row.getByRole("button", { name: "Password reset link" }).click();
    const shown = page.getByTestId("password-reset-link");
    await expect(shown).toHaveText(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText(`It was mailed to ${MEMBER.email}`)).toBeVisible();
    await expect.poll(() => smtp.received.length).toBeGreaterThan(before);
    const mailed = smtp.received.slice(before).find((mail) => mail.to.includes(MEMBER.email));
    expect(resetLinkIn(mailed!)).toBe(await shown.textContent());
    expect(mailed!.decoded).toContain("An admin of the MobilePay Link Console made a link for you");

    await smtp.close();
    await row.getByRole("button", { name: "Password reset link" }).click();
    await expect(page.getByTestId("password-reset-mail-failed")).toContainText(
      `The mail to ${MEMBER.email} was not sent: the mail server could not be reached`,
    );
    const link = (await page.getByTestId("password-reset-link").textContent())!;
    expect(link).not.toBe(resetLinkIn(mailed!));
    const stranger = await freshPage(browser);
    await stranger.goto(new URL(link).pathname);
    await expect(stranger.getByText(MEMBER.email)).toBeVisible();
    await expect(stranger.locator("form[data-hydrated=true]")).toBeVisible();
    await stranger.context().close();
    await page.context().close();
  });
});
