import { existsSync, rmSync } from "node:fs";
import path from "node:path";

import type { Browser, Page } from "@playwright/test";
import bcrypt from "bcryptjs";

import { totpCodeAt } from "../lib/auth/totp";
import type { Database } from "../lib/db/create-client";
import { scaled } from "../lib/testing/test-slowness";
import { freePort } from "../scripts/throwaway-postgres";

import { expect, test } from "./fixtures/console-test";
import { spawnConsole, specDatabase, waitUntilHealthy, type SpawnedConsole } from "./support/spawned-console";

/**
 * A second factor for password sign-in, on a production console of its own where admins must have one
 * (the default in production). The authenticator app is played by the test, from the key shown at enrolment.
 */
const ADMIN = { email: "ada@example.com", password: "ada-admin-password" };
const STEP_MS = 30_000;

let directory: string;
let db: Database;
let console_: SpawnedConsole;
let secret: string;
let recoveryCodes: string[];

async function signInWithPassword(page: Page) {
  await page.goto(`${console_.url}/sign-in`);
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: console_.url })).newPage();
}

/** A code one step ahead of now: the app shows it within half a minute, and the console allows one step of drift. */
const nextCode = () => totpCodeAt(secret, new Date(Date.now() + STEP_MS));

test.describe.configure({ mode: "serial" });

test.describe("a second factor for password sign-in", () => {
  test.skip(!existsSync(path.join(".next", "BUILD_ID")), "needs the production build the e2e suite makes");

  test.beforeAll(async () => {
    test.setTimeout(scaled(150_000));
    const created = specDatabase("console-2fa-");
    ({ directory, db } = created);
    const { databaseUrl } = created;
    await db.staffUser.create({
      data: {
        email: ADMIN.email,
        name: "Ada Admin",
        role: "admin",
        passwordHash: await bcrypt.hash(ADMIN.password, 10),
      },
    });
    console_ = spawnConsole({ port: await freePort(), directory, name: "second-factor", databaseUrl });
    await waitUntilHealthy(console_);
  });

  // Several password sign-ins (bcrypt) and page loads each: more than the suite's default on a busy machine.
  test.beforeEach(() => test.setTimeout(scaled(120_000)));

  test.afterAll(async () => {
    console_?.process.kill("SIGTERM");
    await db?.$disconnect();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  test("an admin without a second factor is sent to enrolment in production, and sets up an app", async ({
    browser,
  }) => {
    const page = await freshPage(browser);
    await signInWithPassword(page);
    await expect(page).toHaveURL(`${console_.url}/second-factor`);
    await expect(page.getByText("Admins must sign in with a second factor")).toBeVisible();
    // Nowhere else to go until it is done: pages send back here, APIs refuse.
    await page.goto(`${console_.url}/staff`);
    await expect(page).toHaveURL(`${console_.url}/second-factor`);
    expect((await page.request.get(`${console_.url}/api/staff`)).status()).toBe(403);

    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    await page.getByText("Cannot scan? Enter the key instead").click();
    secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
    await page.getByLabel("Code from the app").fill(totpCodeAt(secret, new Date()));
    await page.getByRole("button", { name: "Confirm" }).click();
    const shown = page.getByTestId("recovery-codes").locator("li");
    await expect(shown).toHaveCount(10);
    recoveryCodes = await shown.allTextContents();
    await page.getByRole("button", { name: "I have saved them" }).click();
    await expect(page).toHaveURL(`${console_.url}/merchants`);
    expect((await page.request.get(`${console_.url}/api/staff`)).status()).toBe(200);
    const enrolled = await db.auditEvent.findFirst({ where: { action: "staff.second_factor_enrolled" } });
    expect(enrolled?.actorLabel).toBe(ADMIN.email);
    await page.context().close();
  });

  test("signing in asks for the app's code after the password, refuses a wrong one, accepts the right one", async ({
    browser,
  }) => {
    const page = await freshPage(browser);
    await signInWithPassword(page);
    const code = page.getByLabel("Authentication code");
    await expect(code).toBeVisible();
    await code.fill("123456");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
    await code.fill(nextCode());
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("current-staff")).toHaveText("Ada Admin");
    const signedIn = await db.auditEvent.findFirst({
      where: { action: "staff.signed_in", actorLabel: ADMIN.email },
      orderBy: { occurredAt: "desc" },
    });
    expect(JSON.parse(signedIn?.details ?? "{}")).toEqual({ method: "password", secondFactor: "totp" });
    await page.context().close();
  });

  test("a recovery code signs in once", async ({ browser }) => {
    const recovery = recoveryCodes[0]!;
    const first = await freshPage(browser);
    await signInWithPassword(first);
    await first.getByLabel("Authentication code").fill(recovery);
    await first.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(first.getByTestId("current-staff")).toHaveText("Ada Admin");
    await first.context().close();

    const again = await freshPage(browser);
    await signInWithPassword(again);
    await again.getByLabel("Authentication code").fill(recovery);
    await again.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(again.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
    await expect(again).toHaveURL(`${console_.url}/sign-in`);
    await again.context().close();
  });
});
