import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { InvalidEnvironmentError, parseServerEnv } from "./env-schema";

const valid = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "x".repeat(40),
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseServerEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return (error as InvalidEnvironmentError).problems;
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseServerEnv", () => {
  it("accepts a complete production configuration and applies defaults", () => {
    const env = parseServerEnv(valid);
    expect(env.DATABASE_URL).toBe("file:./.data/console.db");
    expect(env.TOKEN_ENCRYPTION_KEYS[0]?.id).toBe("k1");
    expect(env.SANDBOX_ENABLED).toBe(false);
  });

  it("trusts no proxy by default, and reads a list of addresses and networks", () => {
    expect(parseServerEnv(valid).TRUSTED_PROXIES).toEqual([]);
    expect(parseServerEnv({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.1" }).TRUSTED_PROXIES).toEqual([
      { network: "10.0.0.0", prefix: 8, family: "ipv4" },
      { network: "192.0.2.1", prefix: 32, family: "ipv4" },
    ]);
  });

  it("names a trusted proxy entry that is no address or network", () => {
    expect(problemsOf({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8,proxy.internal" })).toEqual([
      'TRUSTED_PROXIES "proxy.internal" is not an IP address or CIDR network',
    ]);
  });

  it("names a missing secret", () => {
    expect(problemsOf({ ...valid, NEXTAUTH_SECRET: undefined })).toEqual(["NEXTAUTH_SECRET is required"]);
  });

  it("treats an empty value as missing", () => {
    expect(problemsOf({ ...valid, TOKEN_ENCRYPTION_KEYS: "" })).toEqual(["TOKEN_ENCRYPTION_KEYS is required"]);
  });

  it("names a short encryption key and says why", () => {
    const problems = problemsOf({ ...valid, TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(16).toString("base64")}` });
    expect(problems).toEqual(['TOKEN_ENCRYPTION_KEYS key "k1" must be 32 bytes (base64), got 16']);
  });

  it("names a malformed database URL", () => {
    expect(problemsOf({ ...valid, DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL must start with file:/);
  });

  it("refuses plain http for a production console that is not on localhost", () => {
    expect(problemsOf({ ...valid, NEXTAUTH_URL: "http://console.example.com" })[0]).toMatch(
      /^NEXTAUTH_URL must be https/,
    );
  });

  it("keeps delivered webhook messages 30 days and failed ones 90 by default, and never failed ones for less", () => {
    const env = parseServerEnv(valid);
    expect([env.WEBHOOK_RETENTION_DAYS, env.WEBHOOK_FAILED_RETENTION_DAYS]).toEqual([30, 90]);
    expect(problemsOf({ ...valid, WEBHOOK_RETENTION_DAYS: "0" })[0]).toMatch(/^WEBHOOK_RETENTION_DAYS /);
    expect(problemsOf({ ...valid, WEBHOOK_RETENTION_DAYS: "two weeks" })[0]).toMatch(/^WEBHOOK_RETENTION_DAYS /);
    expect(problemsOf({ ...valid, WEBHOOK_RETENTION_DAYS: "120" })).toEqual([
      "WEBHOOK_FAILED_RETENTION_DAYS must be at least WEBHOOK_RETENTION_DAYS: failed messages are kept longer",
    ]);
  });

  it("enables the built-in sandbox by default outside production only", () => {
    const development = parseServerEnv({
      ...valid,
      NODE_ENV: "development",
      SANDBOX_CLIENT_SECRET: "s".repeat(20),
      SANDBOX_CONTROL_TOKEN: "c".repeat(20),
    });
    expect(development.SANDBOX_ENABLED).toBe(true);
  });

  it("requires sandbox secrets while the sandbox is enabled", () => {
    expect(problemsOf({ ...valid, SANDBOX_ENABLED: "true" })[0]).toMatch(/SANDBOX_CLIENT_SECRET/);
  });

  it("reads an SMTP server as smtp:// or smtps:// with a sender, both or neither", () => {
    const env = parseServerEnv({
      ...valid,
      SMTP_URL: "smtps://console:p%40ss@mail.example.com:465",
      SMTP_FROM: "MobilePay Link Console <console@example.com>",
    });
    expect(env.SMTP_URL).toBe("smtps://console:p%40ss@mail.example.com:465");
    expect(parseServerEnv({ ...valid, SMTP_URL: "smtp://mail:587", SMTP_FROM: "a@example.com" }).SMTP_FROM).toBe(
      "a@example.com",
    );
    expect(problemsOf({ ...valid, SMTP_URL: "https://mail.example.com", SMTP_FROM: "a@example.com" })[0]).toMatch(
      /^SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(problemsOf({ ...valid, SMTP_URL: "smtp://mail:587", SMTP_FROM: "not an address" })[0]).toMatch(/^SMTP_FROM/);
    expect(problemsOf({ ...valid, SMTP_URL: "smtp://mail:587" })).toEqual([
      "SMTP_URL and SMTP_FROM are set together or not at all",
    ]);
  });
});
