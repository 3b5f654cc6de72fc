import { describe, expect, it } from "vitest";

import { checkCallbackCookies, type RequestFacts } from "./callback-cookie-check";
import { checkEncryptionKeys } from "./encryption-key-check";
import { checkRedirectUri } from "./redirect-uri-check";
import { checkScheduler } from "./scheduler-check";

const GOOD_COOKIES = [
  { name: "mplc.oauth-state", sameSite: "none", secure: true },
  { name: "mplc.link", sameSite: "none", secure: true },
];

function request(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return { protocol: "https:", forwardedProto: null, host: "console.example.com", forwardedHost: null, ...overrides };
}

function levelOf(checks: { id: string; level: string }[], id: string) {
  return checks.find((check) => check.id === id)?.level;
}

describe("checkCallbackCookies", () => {
  it("passes https and localhost consoles with SameSite=None; Secure cookies", () => {
    const https = checkCallbackCookies({
      consoleUrl: "https://console.example.com",
      cookies: GOOD_COOKIES,
      request: request(),
    });
    expect(https.map((check) => check.level)).toEqual(["pass", "pass"]);
    const local = checkCallbackCookies({
      consoleUrl: "http://localhost:3000",
      cookies: GOOD_COOKIES,
      request: request({ protocol: "http:", host: "localhost:3000" }),
    });
    expect(local.map((check) => check.level)).toEqual(["pass", "pass"]);
  });

  it("fails a console on plain http outside localhost, and Lax cookies", () => {
    const checks = checkCallbackCookies({
      consoleUrl: "http://console.internal",
      cookies: [{ name: "mplc.oauth-state", sameSite: "lax", secure: true }],
      request: request({ protocol: "http:", host: "console.internal" }),
    });
    expect(levelOf(checks, "cookie_settings")).toBe("fail");
    expect(levelOf(checks, "cookie_transport")).toBe("fail");
  });

  it("warns when a proxy in front of an https console forwards plain http, or another host", () => {
    const behindProxy = checkCallbackCookies({
      consoleUrl: "https://console.example.com",
      cookies: GOOD_COOKIES,
      request: request({
        protocol: "http:",
        forwardedProto: "http",
        host: "10.0.0.5:3000",
        forwardedHost: "console.example.com",
      }),
    });
    expect(levelOf(behindProxy, "cookie_transport")).toBe("warn");
    expect(levelOf(behindProxy, "console_host")).toBeUndefined();
    const forwarded = checkCallbackCookies({
      consoleUrl: "https://console.example.com",
      cookies: GOOD_COOKIES,
      request: request({ protocol: "http:", forwardedProto: "https, http", host: "other.example.com" }),
    });
    expect(levelOf(forwarded, "cookie_transport")).toBe("pass");
    expect(levelOf(forwarded, "console_host")).toBe("warn");
  });
});

describe("checkRedirectUri", () => {
  it("accepts localhost over http for sandboxes only", () => {
    const input = {
      redirectUri: "http://localhost:3000/api/auth/callback/mobilepay-sandbox",
      consoleUrl: "http://localhost:3000/",
      providerId: "mobilepay-sandbox",
    };
    expect(checkRedirectUri({ ...input, isSandbox: true }).map((check) => check.level)).toEqual(["pass", "pass"]);
    expect(levelOf(checkRedirectUri({ ...input, isSandbox: false }), "redirect_uri_https")).toBe("warn");
    expect(levelOf(checkRedirectUri({ ...input, redirectUri: "not a url", isSandbox: true }), "redirect_uri")).toBe(
      "fail",
    );
  });
});

describe("checkScheduler", () => {
  const now = new Date("2025-01-01T12:00:00Z");
  const run = {
    startedAt: new Date("2025-01-01T11:59:30Z"),
    finishedAt: now,
    processed: 3,
    failed: 0,
    backlog: 0,
    error: null,
  };

  it("passes a recent clean run and warns on backlog, staleness, absence or being disabled", () => {
    expect(checkScheduler({ enabled: true, intervalSeconds: 60, lastRun: run, now }).level).toBe("pass");
    expect(checkScheduler({ enabled: true, intervalSeconds: 60, lastRun: { ...run, backlog: 40 }, now }).level).toBe(
      "warn",
    );
    expect(
      checkScheduler({
        enabled: true,
        intervalSeconds: 60,
        lastRun: { ...run, startedAt: new Date("2025-01-01T11:00:00Z") },
        now,
      }).level,
    ).toBe("warn");
    expect(checkScheduler({ enabled: true, intervalSeconds: 60, lastRun: null, now }).level).toBe("warn");
    expect(checkScheduler({ enabled: false, intervalSeconds: 60, lastRun: run, now }).level).toBe("warn");
  });

  it("fails a run that stopped with an error", () => {
    const check = checkScheduler({
      enabled: true,
      intervalSeconds: 60,
      lastRun: { ...run, error: "database locked" },
      now,
    });
    expect(check.level).toBe("fail");
    expect(check.message).toContain("database locked");
  });
});

describe("checkEncryptionKeys", () => {
  it("warns while token sets still use older keys", () => {
    expect(checkEncryptionKeys({ keyInUse: "k2", tokenSetsPerKey: [{ keyId: "k2", count: 4 }] }).level).toBe("pass");
    const check = checkEncryptionKeys({
      keyInUse: "k2",
      tokenSetsPerKey: [
        { keyId: "k2", count: 4 },
        { keyId: "k1", count: 2 },
      ],
    });
    expect(check.level).toBe("warn");
    expect(check.message).toContain("k1: 2");
  });
});
