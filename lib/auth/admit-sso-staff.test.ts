import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { parseServerEnv } from "@/lib/config/env-schema";
import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { admitSsoStaff as AdmitSsoStaff } from "./admit-sso-staff";
import { staffSsoSettings, type StaffSsoSettings } from "./staff-sso-settings";

let db: Database;
let admitSsoStaff: typeof AdmitSsoStaff;

withConsoleDatabase(async (client) => {
  db = client;
  ({ admitSsoStaff } = await import("./admit-sso-staff"));
});

const ISSUER = "https://login.example.com";

function settingsWith(extra: Record<string, string> = {}): StaffSsoSettings {
  return staffSsoSettings(
    parseServerEnv({
      NODE_ENV: "test",
      NEXTAUTH_SECRET: "x".repeat(40),
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      SANDBOX_ENABLED: "false",
      STAFF_SSO_ISSUER: ISSUER,
      STAFF_SSO_CLIENT_ID: "console",
      STAFF_SSO_CLIENT_SECRET: "s3cret",
      ...extra,
    }),
  )!;
}

const uniqueEmail = (domain = "example.com") => `sso-${randomBytes(4).toString("hex")}@${domain}`;

async function createStaff(email: string, data: { role?: string; disabled?: boolean } = {}) {
  return db.staffUser.create({
    data: {
      email,
      name: "Sam Staff",
      role: data.role ?? "integrator",
      disabled: data.disabled ?? false,
      passwordHash: "-",
    },
  });
}

async function eventsFor(email: string) {
  const events = await db.auditEvent.findMany({ orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  return events
    .filter((event) => event.details.includes(email) || event.actorLabel === email)
    .map((event) => ({ action: event.action, outcome: event.outcome, details: JSON.parse(event.details) as unknown }));
}

describe(`company SSO admission on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("signs in the staff member whose verified email the provider vouches for, whatever its case", async () => {
    const email = uniqueEmail();
    const staff = await createStaff(email);
    const admission = await admitSsoStaff(
      { iss: ISSUER, sub: "u1", email: email.toUpperCase(), email_verified: true },
      settingsWith(),
    );
    expect(admission).toEqual({
      kind: "signed-in",
      staff: { id: staff.id, email, name: "Sam Staff", role: "integrator", sessionGeneration: staff.sessionGeneration },
    });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).lastLoginAt).not.toBeNull();
    expect(await eventsFor(email)).toEqual([
      { action: "staff.signed_in", outcome: "success", details: { method: "sso" } },
    ]);
  });

  it("refuses an email no staff member has, and creates nobody", async () => {
    const email = uniqueEmail();
    const admission = await admitSsoStaff({ iss: ISSUER, sub: "u2", email, email_verified: true }, settingsWith());
    expect(admission).toEqual({ kind: "refused", reason: "unknown-staff", email });
    expect(await db.staffUser.findUnique({ where: { email } })).toBeNull();
    expect(await eventsFor(email)).toEqual([
      {
        action: "staff.sign_in_failed",
        outcome: "failure",
        details: { method: "sso", reason: "unknown-staff", email },
      },
    ]);
  });

  it("refuses a disabled staff member although the provider says yes", async () => {
    const email = uniqueEmail();
    await createStaff(email, { disabled: true });
    expect(await admitSsoStaff({ iss: ISSUER, sub: "u3", email, email_verified: true }, settingsWith())).toMatchObject({
      kind: "refused",
      reason: "disabled",
    });
  });

  it("refuses an unverified or missing email unless the provider is trusted to own its emails", async () => {
    const email = uniqueEmail();
    await createStaff(email);
    expect(await admitSsoStaff({ iss: ISSUER, sub: "u4", email }, settingsWith())).toMatchObject({
      reason: "unverified-email",
    });
    expect(
      await admitSsoStaff({ iss: ISSUER, sub: "u4", email, email_verified: "true" }, settingsWith()),
    ).toMatchObject({
      reason: "unverified-email",
    });
    expect(await admitSsoStaff({ iss: ISSUER, sub: "u4" }, settingsWith())).toMatchObject({ reason: "no-email" });
    const trusting = settingsWith({ STAFF_SSO_REQUIRE_VERIFIED_EMAIL: "false" });
    expect(await admitSsoStaff({ iss: ISSUER, sub: "u4", email }, trusting)).toMatchObject({ kind: "signed-in" });
  });

  it("refuses claims from any issuer but the configured one, with or without a trailing slash", async () => {
    const email = uniqueEmail();
    await createStaff(email);
    for (const iss of ["https://evil.example.com", "https://login.example.com.evil.test", undefined, 42]) {
      expect(await admitSsoStaff({ iss, sub: "u9", email, email_verified: true }, settingsWith())).toEqual({
        kind: "refused",
        reason: "wrong-issuer",
        email: null,
      });
    }
    const slashed = { iss: `${ISSUER}/`, sub: "u9", email, email_verified: true };
    expect(await admitSsoStaff(slashed, settingsWith())).toMatchObject({ kind: "signed-in" });
    expect(await admitSsoStaff(slashed, settingsWith({ STAFF_SSO_ISSUER: `${ISSUER}/` }))).toMatchObject({
      kind: "signed-in",
    });
  });

  it("creates staff of an allowed domain at their first sign-in, as support unless a claim maps a role", async () => {
    const settings = settingsWith({
      STAFF_SSO_AUTO_CREATE_DOMAINS: "staff.example.com",
      STAFF_SSO_ROLE_CLAIM: "groups",
      STAFF_SSO_ROLE_MAP: "billing=integrator",
    });
    const plain = uniqueEmail("staff.example.com");
    const created = await admitSsoStaff(
      { iss: ISSUER, sub: "u5", email: plain, email_verified: true, name: "Nora Ny" },
      settings,
    );
    expect(created).toMatchObject({ kind: "signed-in", staff: { email: plain, name: "Nora Ny", role: "support" } });
    expect((await eventsFor(plain)).map((event) => event.action)).toEqual(["staff.created", "staff.signed_in"]);

    const billing = uniqueEmail("staff.example.com");
    const mapped = await admitSsoStaff(
      { iss: ISSUER, sub: "u6", email: billing, email_verified: true, groups: ["billing"] },
      settings,
    );
    expect(mapped).toMatchObject({ kind: "signed-in", staff: { role: "integrator" } });

    const other = uniqueEmail("elsewhere.example.com");
    expect(await admitSsoStaff({ iss: ISSUER, sub: "u7", email: other, email_verified: true }, settings)).toMatchObject(
      {
        reason: "unknown-staff",
      },
    );
  });

  it("sets an existing staff member's role from the mapped claim at every sign-in, and keeps it when none maps", async () => {
    const settings = settingsWith({ STAFF_SSO_ROLE_CLAIM: "groups", STAFF_SSO_ROLE_MAP: "console-admins=admin" });
    const email = uniqueEmail();
    const staff = await createStaff(email, { role: "support" });
    const promoted = await admitSsoStaff(
      { iss: ISSUER, sub: "u8", email, email_verified: true, groups: ["console-admins"] },
      settings,
    );
    expect(promoted).toMatchObject({ kind: "signed-in", staff: { role: "admin" } });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe("admin");
    expect((await eventsFor(email)).find((event) => event.action === "staff.updated")?.details).toMatchObject({
      role: { from: "support", to: "admin" },
      method: "sso",
    });
    const unmapped = await admitSsoStaff(
      { iss: ISSUER, sub: "u8", email, email_verified: true, groups: ["everyone"] },
      settings,
    );
    expect(unmapped).toMatchObject({ kind: "signed-in", staff: { role: "admin" } });
  });
});
