import { describe, expect, it } from "vitest";

import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import type { FetchLike } from "@/lib/mobilepay/oidc/bounded-request";
import { createSigningKey, jsonResponse, jwksOf, type SigningKey } from "@/lib/mobilepay/oidc/test-fixtures";

import { runEnvironmentDiagnostics } from "./run-environment-diagnostics";

const DISCOVERY_URL = "https://admin.mobilepay.dk/account/.well-known/openid-configuration";
const ISSUER = "https://api.mobilepay.dk/merchant";
const TOKEN_ENDPOINT = "https://api.mobilepay.dk/merchant-authentication-openidconnect/connect/token";
const JWKS_URI = "https://api.mobilepay.dk/merchant-authentication-openidconnect/.well-known/openid-configuration/jwks";
const CONSOLE_URL = "https://console.example.com";

const environment: MobilePayEnvironment = {
  id: "production",
  providerId: "mobilepay-production",
  label: "MobilePay production",
  isSandbox: false,
  discoveryUrl: DISCOVERY_URL,
  expectedIssuer: ISSUER,
  clientId: "invoice.client",
  clientSecret: "the-right-secret",
  redirectUri: `${CONSOLE_URL}/api/auth/callback/mobilepay-production`,
  allowedHosts: ["admin.mobilepay.dk", "api.mobilepay.dk"],
  apiBase: {
    invoice: "https://api.mobilepay.dk/invoice-restapi",
    subscriptions: "https://api.mobilepay.dk/subscriptions",
  },
  scopesFor: (products) => ["openid", "offline_access", ...products].join(" "),
  clockToleranceSeconds: 10,
};

const DOCUMENT = {
  issuer: ISSUER,
  jwks_uri: JWKS_URI,
  authorization_endpoint: "https://admin.mobilepay.dk/account/connect/authorize",
  token_endpoint: TOKEN_ENDPOINT,
  response_types_supported: ["code id_token"],
  response_modes_supported: ["form_post"],
  id_token_signing_alg_values_supported: ["RS256"],
  code_challenge_methods_supported: ["S256"],
  scopes_supported: ["openid", "offline_access", "invoice", "subscriptions"],
};

type FakeOp = { skewSeconds?: number; jwks?: unknown; document?: Record<string, unknown>; secret?: string };

/** A MobilePay-like OP: discovery, JWKS, and a token endpoint that checks the client before the code. */
function fakeOp(key: SigningKey, op: FakeOp = {}): { fetch: FetchLike; tokenRequests: URLSearchParams[] } {
  const tokenRequests: URLSearchParams[] = [];
  const date = () => new Date(Date.now() + (op.skewSeconds ?? 0) * 1000).toUTCString();
  const fetch: FetchLike = async (url, init) => {
    if (url === DISCOVERY_URL) return jsonResponse(op.document ?? DOCUMENT, { headers: { date: date() } });
    if (url === JWKS_URI) return jsonResponse(op.jwks ?? jwksOf(key), { headers: { date: date() } });
    if (url === TOKEN_ENDPOINT) {
      const form = new URLSearchParams(String(init?.body));
      tokenRequests.push(form);
      return form.get("client_secret") === (op.secret ?? "the-right-secret")
        ? jsonResponse({ error: "invalid_grant" }, { status: 400 })
        : jsonResponse({ error: "invalid_client" }, { status: 401 });
    }
    throw new TypeError(`unexpected request to ${url}`);
  };
  return { fetch, tokenRequests };
}

function levels(result: Awaited<ReturnType<typeof runEnvironmentDiagnostics>>) {
  return Object.fromEntries(result.checks.map((check) => [check.id, check.level]));
}

describe("runEnvironmentDiagnostics", () => {
  it("passes a healthy MobilePay setup, explaining the issuer that differs from the hosts", async () => {
    const key = await createSigningKey("k1");
    const op = fakeOp(key);
    const result = await runEnvironmentDiagnostics(environment, { consoleUrl: CONSOLE_URL, fetch: op.fetch });
    expect(levels(result)).toMatchObject({
      discovery: "pass",
      "discovery.issuer": "pass",
      "discovery.issuer_host": "pass",
      "discovery.response_type": "pass",
      "discovery.response_mode": "pass",
      jwks: "pass",
      scopes: "pass",
      client_credentials: "pass",
      redirect_uri_https: "pass",
      redirect_uri_match: "pass",
      clock_skew: "pass",
    });
    expect(result.checks.find((check) => check.id === "discovery.issuer_host")?.message).toContain(
      "how MobilePay works",
    );
    // The probe is a code exchange with an invented code: no refresh token, no real code, nothing that changes a grant.
    expect(op.tokenRequests).toHaveLength(1);
    expect(op.tokenRequests[0]?.get("grant_type")).toBe("authorization_code");
    expect(op.tokenRequests[0]?.get("code")).toMatch(/^console-diagnostics-/);
  });

  it("fails the credentials check on invalid_client, with the fix", async () => {
    const key = await createSigningKey("k1");
    const result = await runEnvironmentDiagnostics(environment, {
      consoleUrl: CONSOLE_URL,
      fetch: fakeOp(key, { secret: "another-secret" }).fetch,
    });
    const check = result.checks.find((candidate) => candidate.id === "client_credentials");
    expect(check?.level).toBe("fail");
    expect(check?.fix).toContain("zip file");
    expect(JSON.stringify(result)).not.toContain("the-right-secret");
  });

  it("turns the clock check red beyond the tolerance and amber close to it", async () => {
    const key = await createSigningKey("k1");
    const skewed = await runEnvironmentDiagnostics(environment, {
      consoleUrl: CONSOLE_URL,
      fetch: fakeOp(key, { skewSeconds: 120 }).fetch,
    });
    expect(levels(skewed).clock_skew).toBe("fail");
    expect(skewed.clockOffsetSeconds).toBeGreaterThanOrEqual(119);
    const close = await runEnvironmentDiagnostics(environment, {
      consoleUrl: CONSOLE_URL,
      fetch: fakeOp(key, { skewSeconds: 8 }).fetch,
      lastTokenOffsetSeconds: 2,
    });
    expect(levels(close)).toMatchObject({ clock_skew: "warn", clock_skew_tokens: "pass" });
  });

  it("reports an unreachable OP and skips what depends on it", async () => {
    const unreachable: FetchLike = () => Promise.reject(new TypeError("fetch failed"));
    const result = await runEnvironmentDiagnostics(environment, { consoleUrl: CONSOLE_URL, fetch: unreachable });
    expect(levels(result)).toMatchObject({
      discovery: "fail",
      jwks: "skip",
      client_credentials: "skip",
      clock_skew: "warn",
    });
    expect(result.checks[0]?.fix).toMatch(/discovery URL/);
  });

  it("does not send the secret when discovery points the token endpoint at a foreign host", async () => {
    const key = await createSigningKey("k1");
    const op = fakeOp(key, { document: { ...DOCUMENT, token_endpoint: "https://evil.example/connect/token" } });
    const result = await runEnvironmentDiagnostics(environment, { consoleUrl: CONSOLE_URL, fetch: op.fetch });
    expect(levels(result)).toMatchObject({ "discovery.token_endpoint_host": "fail", client_credentials: "skip" });
    expect(op.tokenRequests).toHaveLength(0);
  });

  it("fails a key set with no RS256-usable key, and flags hybrid flow and form_post gaps", async () => {
    const key = await createSigningKey("k1");
    const result = await runEnvironmentDiagnostics(environment, {
      consoleUrl: CONSOLE_URL,
      fetch: fakeOp(key, {
        jwks: { keys: [{ kty: "EC", kid: "e1", crv: "P-256", x: "x", y: "y" }] },
        document: { ...DOCUMENT, response_types_supported: ["code"], response_modes_supported: ["query"] },
      }).fetch,
    });
    expect(levels(result)).toMatchObject({
      jwks: "fail",
      "discovery.response_type": "fail",
      "discovery.response_mode": "warn",
    });
  });

  it("fails a redirect URI the code exchange would send differently", async () => {
    const key = await createSigningKey("k1");
    const result = await runEnvironmentDiagnostics(
      { ...environment, redirectUri: "http://console.example.com/callback" },
      { consoleUrl: CONSOLE_URL, fetch: fakeOp(key).fetch },
    );
    expect(levels(result)).toMatchObject({ redirect_uri_https: "fail", redirect_uri_match: "fail" });
  });
});
