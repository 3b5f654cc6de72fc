import { existsSync, rmSync } from "node:fs";
import path from "node:path";

import type { CDPSession, Page } from "@playwright/test";
import bcrypt from "bcryptjs";

import type { Database } from "../lib/db/create-client";
import { scaled } from "../lib/testing/test-slowness";
import { freePort } from "../scripts/throwaway-postgres";

import { expect, test } from "./fixtures/console-test";
import { addVirtualAuthenticator } from "./fixtures/virtual-authenticator";
import { spawnConsole, specDatabase, waitUntilHealthy, type SpawnedConsole } from "./support/spawned-console";

/**
 * Passkeys on a production console of its own, where admins must have a second factor: Chromium's virtual
 * authenticator (the DevTools WebAuthn domain) plays a platform authenticator with discoverable credentials
 * and user verification. One page and one authenticator serve the whole spec, signed out between tests by
 * dropping the session cookie, so the passkey registered first is the one the later tests sign in with.
 */
const ADMIN = { email: "pia@example.com", name: "Pia Passkey", password: "pia-admin-password" };

let directory: string;
let db: Database;
let console_: SpawnedConsole;
let page: Page;
let devtools: CDPSession;
let authenticatorId: string;

async function latestEvent(action: string) {
  const event = await db.auditEvent.findFirst({ where: { action }, orderBy: { occurredAt: "desc" } });
  return { ...event, details: JSON.parse(event?.details ?? "{}") as Record<string, unknown> };
}

async function signedOutAtSignIn() {
  await page.context().clearCookies();
  await page.goto(`${console_.url}/sign-in`);
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
}

async function fillPassword() {
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function storedCredentials(): Promise<number> {
  const { credentials } = await devtools.send("WebAuthn.getCredentials", { authenticatorId });
  return credentials.length;
}

test.describe.configure({ mode: "serial" });

test.describe("passkeys", () => {
  test.skip(!existsSync(path.join(".next", "BUILD_ID")), "needs the production build the e2e suite makes");

  test.beforeAll(async ({ browser, browserName }) => {
    test.skip(browserName !== "chromium", "the virtual authenticator is a Chromium DevTools feature");
    test.setTimeout(scaled(150_000));
    const created = specDatabase("console-passkeys-");
    ({ directory, db } = created);
    await db.staffUser.create({
      data: {
        email: ADMIN.email,
        name: ADMIN.name,
        role: "admin",
        passwordHash: await bcrypt.hash(ADMIN.password, 10),
      },
    });
    console_ = spawnConsole({
      port: await freePort(),
      directory,
      name: "passkeys",
      databaseUrl: created.databaseUrl,
    });
    await waitUntilHealthy(console_);

    page = await (await browser.newContext({ baseURL: console_.url })).newPage();
    ({ devtools, authenticatorId } = await addVirtualAuthenticator(page));
  });

  // Password sign-ins (bcrypt) and page loads of a production console on a busy machine.
  test.beforeEach(() => test.setTimeout(scaled(120_000)));

  test.afterAll(async () => {
    await page?.context().close();
    console_?.process.kill("SIGTERM");
    await db?.$disconnect();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  test("an admin sent to set up a second factor adds a passkey instead of an app, and may go on", async () => {
    await signedOutAtSignIn();
    await fillPassword();
    await expect(page).toHaveURL(`${console_.url}/second-factor`);
    expect((await page.request.get(`${console_.url}/api/staff`)).status()).toBe(403);

    await page.getByLabel("Passkey name").fill("Test laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await expect(page).toHaveURL(`${console_.url}/merchants`);
    expect((await page.request.get(`${console_.url}/api/staff`)).status()).toBe(200);
    expect(await storedCredentials()).toBe(1);

    const enrolled = await latestEvent("staff.second_factor_enrolled");
    expect(enrolled.actorLabel).toBe(ADMIN.email);
    expect(enrolled.details).toMatchObject({ factor: "passkey", name: "Test laptop" });

    await page.goto(`${console_.url}/second-factor`);
    const listed = page.getByTestId("passkey-list").getByRole("listitem");
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText("Test laptop");
    await expect(listed).toContainText("Last used never");
  });

  test("the passkey signs in alone, without a password", async () => {
    await signedOutAtSignIn();
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page.getByTestId("current-staff")).toHaveText(ADMIN.name);
    await expect(page).toHaveURL(`${console_.url}/merchants`);
    const signedIn = await latestEvent("staff.signed_in");
    expect(signedIn.actorLabel).toBe(ADMIN.email);
    expect(signedIn.details).toMatchObject({ method: "passkey" });
  });

  test("after a right password, the passkey stands in for the app's code", async () => {
    await signedOutAtSignIn();
    await fillPassword();
    await expect(page.getByLabel("Authentication code")).toBeVisible();
    await page.getByRole("button", { name: "Use a passkey instead" }).click();
    await expect(page.getByTestId("current-staff")).toHaveText(ADMIN.name);
    const signedIn = await latestEvent("staff.signed_in");
    expect(signedIn.details).toEqual({ method: "password", secondFactor: "passkey" });
  });

  test("a removed passkey no longer signs in, though the authenticator still holds it", async () => {
    await page.goto(`${console_.url}/second-factor`);
    await page.getByRole("button", { name: "Remove Test laptop" }).click();
    await expect(page.getByTestId("passkey-list")).toHaveCount(0);
    const removed = await latestEvent("staff.second_factor_removed");
    expect(removed.details).toMatchObject({ factor: "passkey", name: "Test laptop" });

    await signedOutAtSignIn();
    expect(await storedCredentials()).toBe(1);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That passkey does not sign in" })).toBeVisible();
    await expect(page).toHaveURL(`${console_.url}/sign-in`);
    const refused = await latestEvent("staff.sign_in_failed");
    expect(refused.details).toMatchObject({ method: "passkey", reason: "unknown-passkey" });
  });
});
