import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { InvalidEnvironmentError, parseServerEnv } from "@/lib/config/env-schema";

import { roleFromClaims, staffSsoSettings } from "./staff-sso-settings";

const base = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "x".repeat(40),
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
};
const sso = {
  ...base,
  STAFF_SSO_ISSUER: "https://login.example.com/tenant/",
  STAFF_SSO_CLIENT_ID: "console",
  STAFF_SSO_CLIENT_SECRET: "s3cret",
};

function problemsOf(source: Record<string, string>): string[] {
  try {
    staffSsoSettings(parseServerEnv(source));
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return (error as InvalidEnvironmentError).problems;
  }
  throw new Error("expected the configuration to be refused");
}

describe("company SSO settings", () => {
  it("are off until an issuer, client id and secret are configured, and password sign-in stays on", () => {
    const env = parseServerEnv(base);
    expect(staffSsoSettings(env)).toBeNull();
    expect(env.STAFF_PASSWORD_SIGN_IN).toBe(true);
  });

  it("read a complete configuration with safe defaults", () => {
    expect(staffSsoSettings(parseServerEnv(sso))).toEqual({
      issuer: "https://login.example.com/tenant",
      clientId: "console",
      clientSecret: "s3cret",
      label: "company single sign-on",
      scopes: "openid email profile",
      requireVerifiedEmail: true,
      autoCreateDomains: [],
      roleClaim: null,
      roleMap: [],
    });
  });

  it("refuse half a configuration, and password sign-in off without SSO", () => {
    expect(problemsOf({ ...base, STAFF_SSO_ISSUER: "https://login.example.com" })).toEqual([
      "STAFF_SSO_ISSUER, STAFF_SSO_CLIENT_ID and STAFF_SSO_CLIENT_SECRET are set together or not at all",
    ]);
    expect(problemsOf({ ...base, STAFF_PASSWORD_SIGN_IN: "false" })).toEqual([
      "STAFF_PASSWORD_SIGN_IN can be false only while STAFF_SSO_ISSUER is set",
    ]);
    expect(parseServerEnv({ ...sso, STAFF_PASSWORD_SIGN_IN: "false" }).STAFF_PASSWORD_SIGN_IN).toBe(false);
  });

  it("name a role map entry that is malformed, names no role, or has no claim to read", () => {
    expect(problemsOf({ ...sso, STAFF_SSO_ROLE_CLAIM: "groups", STAFF_SSO_ROLE_MAP: "admins" })).toEqual([
      'STAFF_SSO_ROLE_MAP "admins" must be claim-value=role',
    ]);
    expect(problemsOf({ ...sso, STAFF_SSO_ROLE_CLAIM: "groups", STAFF_SSO_ROLE_MAP: "admins=owner" })).toEqual([
      'STAFF_SSO_ROLE_MAP names "owner", which is not one of admin, integrator, support, demo',
    ]);
    expect(problemsOf({ ...sso, STAFF_SSO_ROLE_MAP: "admins=admin" })).toEqual([
      "STAFF_SSO_ROLE_MAP needs STAFF_SSO_ROLE_CLAIM, the claim it reads",
    ]);
  });

  it("lower-case the auto-create domains and refuse what is no domain", () => {
    expect(
      staffSsoSettings(parseServerEnv({ ...sso, STAFF_SSO_AUTO_CREATE_DOMAINS: "@Example.com, example.dk" }))
        ?.autoCreateDomains,
    ).toEqual(["example.com", "example.dk"]);
    expect(problemsOf({ ...sso, STAFF_SSO_AUTO_CREATE_DOMAINS: "example" })).toEqual([
      'STAFF_SSO_AUTO_CREATE_DOMAINS "example" is not an email domain',
    ]);
  });
});

describe("roleFromClaims", () => {
  const settings = staffSsoSettings(
    parseServerEnv({
      ...sso,
      STAFF_SSO_ROLE_CLAIM: "groups",
      STAFF_SSO_ROLE_MAP: "console-support=support, console-admins=admin, billing=integrator",
    }),
  )!;

  it("gives the widest role among the mapped values of a list claim", () => {
    expect(roleFromClaims({ groups: ["billing", "console-admins", "staff"] }, settings)).toBe("admin");
    expect(roleFromClaims({ groups: ["console-support"] }, settings)).toBe("support");
  });

  it("reads a single-valued claim and gives nothing for unmapped, missing or odd values", () => {
    expect(roleFromClaims({ groups: "billing" }, settings)).toBe("integrator");
    expect(roleFromClaims({ groups: ["everyone"] }, settings)).toBeNull();
    expect(roleFromClaims({}, settings)).toBeNull();
    expect(roleFromClaims({ groups: [{ name: "console-admins" }] }, settings)).toBeNull();
  });
});
