import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { InvalidEnvironmentError, parseServerEnv } from "@/lib/config/env-schema";

import { environmentsFromConfig } from "./environment-config";

const base = parseServerEnv({
  NODE_ENV: "development",
  NEXTAUTH_SECRET: "x".repeat(40),
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  SANDBOX_CLIENT_SECRET: "s".repeat(20),
  SANDBOX_CONTROL_TOKEN: "c".repeat(20),
  SANDBOX_URL: "http://127.0.0.1:4010",
});

describe("environmentsFromConfig", () => {
  it("offers only the built-in sandbox by default, with MobilePay-shaped endpoints", () => {
    const environments = environmentsFromConfig(base, {});
    expect(environments.map((environment) => environment.id)).toEqual(["sandbox"]);
    const sandbox = environments[0]!;
    expect(sandbox.providerId).toBe("mobilepay-sandbox");
    expect(sandbox.expectedIssuer).toBe("http://127.0.0.1:4010/merchant");
    expect(sandbox.redirectUri).toBe("http://localhost:3000/api/auth/callback/mobilepay-sandbox");
    expect(sandbox.scopesFor(["subscriptions"])).toBe("openid offline_access subscriptions");
    expect(sandbox.scopesFor(["subscriptions", "invoice"])).toBe("openid offline_access invoice subscriptions");
  });

  it("adds MobilePay production when configured, pinning the issuer and hosts", () => {
    const environments = environmentsFromConfig(base, {
      MOBILEPAY_PRODUCTION_DISCOVERY_URL:
        "https://api.mobilepay.dk/merchant-authentication-openidconnect/.well-known/openid-configuration",
      MOBILEPAY_PRODUCTION_CLIENT_ID: "client",
      MOBILEPAY_PRODUCTION_CLIENT_SECRET: "a-client-secret",
      MOBILEPAY_PRODUCTION_INVOICE_API_BASE: "https://api.mobilepay.dk/invoice-restapi",
      MOBILEPAY_PRODUCTION_SUBSCRIPTIONS_API_BASE: "https://api.mobilepay.dk/subscriptions",
    });
    const production = environments.find((environment) => environment.id === "production")!;
    expect(production.isSandbox).toBe(false);
    expect(production.expectedIssuer).toBe("https://api.mobilepay.dk/merchant");
    expect(production.allowedHosts).toEqual(["api.mobilepay.dk", "admin.mobilepay.dk"]);
  });

  it("names the missing variable of a half-configured environment", () => {
    let problems: string[] = [];
    try {
      environmentsFromConfig(base, { MOBILEPAY_TEST_DISCOVERY_URL: "https://example.com/x" });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      problems = (error as InvalidEnvironmentError).problems;
    }
    expect(problems).toContain("MOBILEPAY_TEST_CLIENT_ID is required");
    expect(problems).toContain("MOBILEPAY_TEST_INVOICE_API_BASE is required");
  });
});
