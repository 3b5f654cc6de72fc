import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

import type { Page } from "@playwright/test";

import type { Database } from "../lib/db/create-client";
import { scaled } from "../lib/testing/test-slowness";
import { freePort } from "../scripts/throwaway-postgres";

import { expect, test } from "./fixtures/console-test";
import { spawnConsole, specDatabase, waitUntilHealthy } from "./support/spawned-console";
import {
  startStaffIdentityProvider,
  type IdentityProviderPerson,
  type StaffIdentityProvider,
} from "./support/staff-identity-provider";

/**
 * Staff single sign-on against a real OpenID Provider started for these tests, apart from the MobilePay
 * sandbox. Two consoles of the same build share one database: one offers SSO beside the password, with a
 * groups claim mapped to roles; the other has password sign-in switched off.
 */
const CLIENT = { id: "link-console", secret: randomBytes(18).toString("base64url") };
const PEOPLE: IdentityProviderPerson[] = [
  { email: "ines@example.com", email_verified: true, name: "Ines Integrator (IdP)" },
  { email: "stranger@example.com", email_verified: true, name: "Sven Stranger" },
  { email: "dora@example.com", email_verified: true, name: "Dora Disabled" },
  { email: "sofie@example.com", email_verified: true, name: "Sofie Support", groups: ["console-admins"] },
];

let directory: string;
let idp: StaffIdentityProvider;
let db: Database;
let withPassword: string;
let ssoOnly: string;
const processes: ChildProcess[] = [];

function startConsole(port: number, name: string, extra: Record<string, string>, databaseUrl: string) {
  const spawned = spawnConsole({
    port,
    directory,
    name,
    databaseUrl,
    env: {
      STAFF_SSO_ISSUER: idp.issuer,
      STAFF_SSO_CLIENT_ID: CLIENT.id,
      STAFF_SSO_CLIENT_SECRET: CLIENT.secret,
      STAFF_SSO_LABEL: "Example Corp",
      ...extra,
    },
  });
  processes.push(spawned.process);
  return spawned;
}

/** Through the console's button, the provider's own login and consent pages, and back. */
async function signInWithSso(page: Page, consoleUrl: string, email: string) {
  await page.goto(`${consoleUrl}/sign-in`);
  const button = page.getByRole("button", { name: "Sign in with Example Corp" });
  await expect(button).toHaveAttribute("data-hydrated", "true");
  await button.click();
  await page.locator("input[name=login]").fill(email);
  await page.locator("input[name=password]").fill("any password the provider accepts");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe.configure({ mode: "serial" });

test.describe("staff single sign-on through the company's identity provider", () => {
  test.skip(!existsSync(path.join(".next", "BUILD_ID")), "needs the production build the e2e suite makes");

  test.beforeAll(async () => {
    test.setTimeout(scaled(180_000));
    const created = specDatabase("console-sso-");
    ({ directory, db } = created);
    const { databaseUrl } = created;
    await db.staffUser.createMany({
      data: [
        { email: "ines@example.com", name: "Ines Integrator", role: "integrator", passwordHash: "-" },
        { email: "dora@example.com", name: "Dora Disabled", role: "admin", passwordHash: "-", disabled: true },
        { email: "sofie@example.com", name: "Sofie Support", role: "support", passwordHash: "-" },
      ],
    });
    const [idpPort, portA, portB] = await Promise.all([freePort(), freePort(), freePort()]);
    withPassword = `http://localhost:${portA}`;
    ssoOnly = `http://localhost:${portB}`;
    idp = await startStaffIdentityProvider({
      port: idpPort,
      client: { ...CLIENT, redirectUri: `${withPassword}/api/auth/callback/staff-sso` },
      people: PEOPLE,
    });
    const consoleA = startConsole(
      portA,
      "with-password",
      {
        STAFF_SSO_SCOPES: "openid email profile groups",
        STAFF_SSO_ROLE_CLAIM: "groups",
        STAFF_SSO_ROLE_MAP: "console-admins=admin",
      },
      databaseUrl,
    );
    const consoleB = startConsole(portB, "sso-only", { STAFF_PASSWORD_SIGN_IN: "false" }, databaseUrl);
    await Promise.all([waitUntilHealthy(consoleA), waitUntilHealthy(consoleB)]);
  });

  test.afterAll(async () => {
    for (const child of processes) child.kill("SIGTERM");
    await db?.$disconnect();
    await idp?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  test("an existing staff member signs in through SSO and the audit log names the method", async ({ page }) => {
    await signInWithSso(page, withPassword, "ines@example.com");
    await expect(page).toHaveURL(`${withPassword}/merchants`);
    // The console's own name and role, not the provider's.
    await expect(page.getByTestId("current-staff")).toHaveText("Ines Integrator");
    await expect(page.getByText("Integrator", { exact: true })).toBeVisible();
    const signedIn = await db.auditEvent.findFirst({
      where: { action: "staff.signed_in", actorLabel: "ines@example.com" },
    });
    expect(JSON.parse(signedIn?.details ?? "{}")).toEqual({ method: "sso" });
  });

  test("an email the console does not know is refused without saying so, and nobody is created", async ({ page }) => {
    await signInWithSso(page, withPassword, "stranger@example.com");
    await expect(page).toHaveURL(/\/sign-in\?error=SsoRefused/);
    // Next's route announcer is an alert too, so the message is found by its text.
    await expect(page.getByRole("alert").filter({ hasText: "may not sign in to this console" })).toBeVisible();
    expect(await db.staffUser.findUnique({ where: { email: "stranger@example.com" } })).toBeNull();
    expect((await page.request.get(`${withPassword}/api/auth/session`)).ok()).toBe(true);
    expect(await (await page.request.get(`${withPassword}/api/auth/session`)).json()).toEqual({});
  });

  test("a disabled staff member is refused although the provider says yes", async ({ page }) => {
    await signInWithSso(page, withPassword, "dora@example.com");
    await expect(page).toHaveURL(/\/sign-in\?error=SsoRefused/);
    const refused = await db.auditEvent.findFirst({
      where: { action: "staff.sign_in_failed", details: { contains: "dora@example.com" } },
    });
    expect(JSON.parse(refused?.details ?? "{}")).toMatchObject({ method: "sso", reason: "disabled" });
  });

  test("a mapped groups claim gives the role: support becomes admin and sees the staff page", async ({ page }) => {
    await signInWithSso(page, withPassword, "sofie@example.com");
    await expect(page.getByTestId("current-staff")).toHaveText("Sofie Support");
    await expect(page.getByText("Admin", { exact: true })).toBeVisible();
    expect((await page.goto(`${withPassword}/staff`))?.status()).toBe(200);
    expect((await db.staffUser.findUniqueOrThrow({ where: { email: "sofie@example.com" } })).role).toBe("admin");
  });

  test("with password sign-in switched off there is no password form and its endpoint refuses", async ({ page }) => {
    await page.goto(`${ssoOnly}/sign-in`);
    await expect(page.getByRole("button", { name: "Sign in with Example Corp" })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    const csrf = (await (await page.request.get(`${ssoOnly}/api/auth/csrf`)).json()) as { csrfToken: string };
    const attempt = await page.request.post(`${ssoOnly}/api/auth/callback/credentials`, {
      form: { csrfToken: csrf.csrfToken, email: "ines@example.com", password: "whatever-it-is", json: "true" },
      maxRedirects: 0,
    });
    expect(attempt.headers()["set-cookie"] ?? "").not.toContain("session-token");
    expect(await (await page.request.get(`${ssoOnly}/api/auth/session`)).json()).toEqual({});
  });
});
