import { describe, expect, it } from "vitest";

import { DiscoveryError, fetchDiscovery, type DiscoveryFinding } from "./discovery";
import { fakeFetch, hangingFetch, jsonResponse } from "./test-fixtures";

const DISCOVERY_URL = "https://admin.mobilepay.dk/account/.well-known/openid-configuration";
const ISSUER = "https://api.mobilepay.dk/merchant";

/** The captured production document (mobilepay.md §1.2), trimmed to what the checks read. */
function mobilePayDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: ISSUER,
    jwks_uri: "https://api.mobilepay.dk/merchant-authentication-openidconnect/.well-known/openid-configuration/jwks",
    authorization_endpoint: "https://admin.mobilepay.dk/account/connect/authorize",
    token_endpoint: "https://api.mobilepay.dk/merchant-authentication-openidconnect/connect/token",
    end_session_endpoint: "https://admin.mobilepay.dk/account/connect/endsession",
    revocation_endpoint: "https://api.mobilepay.dk/merchant-authentication-openidconnect/connect/revocation",
    introspection_endpoint: "https://api.mobilepay.dk/merchant-authentication-openidconnect/connect/introspect",
    response_types_supported: ["code", "token", "id_token", "id_token token", "code id_token", "code token"],
    response_modes_supported: ["query", "form_post"],
    id_token_signing_alg_values_supported: ["RS256"],
    code_challenge_methods_supported: ["plain", "S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    authorization_response_iss_parameter_supported: true,
    claims_supported: ["sub", "merchant_id", "merchant_vat"],
    ...overrides,
  };
}

async function discover(
  document: Record<string, unknown>,
  options: { allowedEndpointHosts?: string[]; discoveryUrl?: string } = {},
) {
  const { fetch } = fakeFetch(() => jsonResponse(document));
  return fetchDiscovery({ discoveryUrl: DISCOVERY_URL, expectedIssuer: ISSUER, fetch, ...options });
}

function finding(findings: DiscoveryFinding[], check: string): DiscoveryFinding | undefined {
  return findings.find((entry) => entry.check === check);
}

describe("fetchDiscovery", () => {
  it("accepts MobilePay's document, warning that the issuer host differs from the discovery host", async () => {
    const result = await discover(mobilePayDocument(), {
      allowedEndpointHosts: ["admin.mobilepay.dk", "api.mobilepay.dk"],
    });
    expect(result.usable).toBe(true);
    expect(result.metadata.token_endpoint).toBe(
      "https://api.mobilepay.dk/merchant-authentication-openidconnect/connect/token",
    );
    expect(result.metadata.claims_supported).toEqual(["sub", "merchant_id", "merchant_vat"]);
    const issuerHost = finding(result.findings, "issuer_host");
    expect(issuerHost?.level).toBe("warn");
    expect(issuerHost?.message).toContain("api.mobilepay.dk");
    expect(issuerHost?.message).toContain("admin.mobilepay.dk");
    expect(issuerHost?.fix).toContain("Expected for MobilePay");
    expect(finding(result.findings, "userinfo")?.level).toBe("pass");
    expect(result.findings.filter((entry) => entry.level === "fail")).toEqual([]);
  });

  it("fails on another issuer than the pinned one", async () => {
    const result = await discover(mobilePayDocument({ issuer: "https://api.sandbox.mobilepay.dk/merchant" }));
    expect(result.usable).toBe(false);
    expect(finding(result.findings, "issuer")).toMatchObject({ level: "fail" });
    expect(finding(result.findings, "issuer")?.message).toContain("discovered issuer mismatch");
  });

  it("fails without hybrid support and without RS256", async () => {
    const result = await discover(
      mobilePayDocument({ response_types_supported: ["code"], id_token_signing_alg_values_supported: ["ES256"] }),
    );
    expect(finding(result.findings, "response_type")?.level).toBe("fail");
    expect(finding(result.findings, "id_token_signing_alg")?.level).toBe("fail");
    expect(result.usable).toBe(false);
  });

  it("accepts the hybrid response type written in another order", async () => {
    const result = await discover(mobilePayDocument({ response_types_supported: ["id_token code"] }));
    expect(finding(result.findings, "response_type")?.level).toBe("pass");
  });

  it("warns when form_post is not listed or the list is absent", async () => {
    const without = await discover(mobilePayDocument({ response_modes_supported: ["query"] }));
    expect(finding(without.findings, "response_mode")?.level).toBe("warn");
    expect(without.usable).toBe(true);
    const absent = await discover(mobilePayDocument({ response_modes_supported: undefined }));
    expect(finding(absent.findings, "response_mode")?.message).toContain("not published");
  });

  it("fails without S256 and warns when PKCE methods are not published", async () => {
    const plainOnly = await discover(mobilePayDocument({ code_challenge_methods_supported: ["plain"] }));
    expect(finding(plainOnly.findings, "pkce")?.level).toBe("fail");
    const absent = await discover(mobilePayDocument({ code_challenge_methods_supported: undefined }));
    expect(finding(absent.findings, "pkce")?.level).toBe("warn");
  });

  it("fails on plain-http endpoints outside loopback", async () => {
    const result = await discover(mobilePayDocument({ token_endpoint: "http://api.mobilepay.dk/connect/token" }));
    expect(finding(result.findings, "token_endpoint_https")?.level).toBe("fail");
    expect(result.usable).toBe(false);
  });

  it("accepts the loopback sandbox OP over http", async () => {
    const base = "http://127.0.0.1:4010";
    const { fetch } = fakeFetch(() =>
      jsonResponse(
        mobilePayDocument({
          issuer: `${base}/merchant`,
          jwks_uri: `${base}/merchant-authentication-openidconnect/.well-known/openid-configuration/jwks`,
          authorization_endpoint: `${base}/account/connect/authorize`,
          token_endpoint: `${base}/merchant-authentication-openidconnect/connect/token`,
          end_session_endpoint: undefined,
          revocation_endpoint: undefined,
          introspection_endpoint: undefined,
        }),
      ),
    );
    const result = await fetchDiscovery({
      discoveryUrl: `${base}/merchant-authentication-openidconnect/.well-known/openid-configuration`,
      expectedIssuer: `${base}/merchant`,
      allowedEndpointHosts: ["127.0.0.1:4010"],
      fetch,
    });
    expect(result.usable).toBe(true);
    expect(finding(result.findings, "issuer_host")).toBeUndefined();
    expect(finding(result.findings, "endpoints")?.level).toBe("pass");
  });

  it("fails on endpoints outside the allowed hosts", async () => {
    const result = await discover(mobilePayDocument({ token_endpoint: "https://evil.example/connect/token" }), {
      allowedEndpointHosts: ["admin.mobilepay.dk", "api.mobilepay.dk"],
    });
    const hostFinding = finding(result.findings, "token_endpoint_host");
    expect(hostFinding?.level).toBe("fail");
    expect(hostFinding?.message).toContain("evil.example");
    expect(finding(result.findings, "endpoints")).toBeUndefined();
  });

  it("throws invalid_metadata when required fields are missing", async () => {
    const { jwks_uri: _unused, ...withoutJwks } = mobilePayDocument();
    const failure = discover(withoutJwks);
    await expect(failure).rejects.toMatchObject({ kind: "invalid_metadata" });
    await expect(failure).rejects.toThrow(/jwks_uri is missing/);
  });

  it("throws unreachable, http_status, not_json, timeout and too_large errors", async () => {
    const cases: [ReturnType<typeof fakeFetch>["fetch"], string][] = [
      [
        fakeFetch(() => {
          throw new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ENOTFOUND" }) });
        }).fetch,
        "unreachable",
      ],
      [fakeFetch(() => new Response("not found", { status: 404 })).fetch, "http_status"],
      [fakeFetch(() => new Response("<!doctype html><p>Sign in</p>")).fetch, "not_json"],
      [hangingFetch, "timeout"],
      [fakeFetch(() => new Response("x".repeat(200 * 1024))).fetch, "too_large"],
    ];
    for (const [fetch, kind] of cases) {
      const failure = fetchDiscovery({ discoveryUrl: DISCOVERY_URL, expectedIssuer: ISSUER, fetch, timeoutMs: 20 });
      await expect(failure).rejects.toBeInstanceOf(DiscoveryError);
      await expect(failure).rejects.toMatchObject({ kind });
    }
  });

  it("names the discovery URL in errors so staff can fix it", async () => {
    const { fetch } = fakeFetch(() => new Response("nope", { status: 404 }));
    await expect(fetchDiscovery({ discoveryUrl: DISCOVERY_URL, expectedIssuer: ISSUER, fetch })).rejects.toThrow(
      `${DISCOVERY_URL} answered HTTP 404`,
    );
  });
});
