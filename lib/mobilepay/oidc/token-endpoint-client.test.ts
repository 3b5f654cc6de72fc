import { describe, expect, it } from "vitest";

import { exchangeCode, refreshTokens, revokeToken, TokenEndpointError } from "./token-endpoint-client";
import { fakeFetch, hangingFetch, jsonResponse, stallingBodyResponse, type RecordedRequest } from "./test-fixtures";

const TOKEN_ENDPOINT = "https://api.mobilepay.dk/merchant-authentication-openidconnect/connect/token";
const REVOCATION_ENDPOINT = "https://api.mobilepay.dk/merchant-authentication-openidconnect/connect/revocation";
const CLIENT_SECRET = "client-secret-from-the-zip-file";
const CODE = "authorization-code-value";
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REFRESH_TOKEN = "69a9393515b4a24d232cf0357463590817fd8f57049a7fe78ce02177880fe592";

const SUCCESS_BODY = {
  id_token: "eyJ.id.token",
  access_token: "eyJ.access.token",
  expires_in: 300,
  token_type: "Bearer",
  refresh_token: REFRESH_TOKEN,
  scope: "openid invoice offline_access",
};

function formOf(request: RecordedRequest | undefined): URLSearchParams {
  return new URLSearchParams(String(request?.init?.body));
}

function headersOf(request: RecordedRequest | undefined): Record<string, string> {
  return (request?.init?.headers ?? {}) as Record<string, string>;
}

function exchange(
  fetch: Parameters<typeof exchangeCode>[0]["fetch"],
  extra: Partial<Parameters<typeof exchangeCode>[0]> = {},
) {
  return exchangeCode({
    tokenEndpoint: TOKEN_ENDPOINT,
    clientId: "invoice.testclient",
    clientSecret: CLIENT_SECRET,
    code: CODE,
    redirectUri: "https://console.example/api/auth/callback/mobilepay",
    codeVerifier: VERIFIER,
    fetch,
    ...extra,
  });
}

async function captureError(promise: Promise<unknown>): Promise<TokenEndpointError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenEndpointError) return error;
    throw error;
  }
  throw new Error("expected a TokenEndpointError");
}

function expectNoSecrets(error: TokenEndpointError): void {
  for (const secret of [CLIENT_SECRET, CODE, VERIFIER, REFRESH_TOKEN]) {
    expect(error.reason).not.toContain(secret);
    expect(error.message).not.toContain(secret);
  }
}

describe("exchangeCode", () => {
  it("posts the code with client_secret_post and maps the response to camelCase", async () => {
    const { fetch, calls } = fakeFetch(() =>
      jsonResponse(SUCCESS_BODY, { headers: { date: "Mon, 02 Mar 2026 10:00:03 GMT" } }),
    );
    const result = await exchange(fetch);
    expect(result).toMatchObject({
      accessToken: "eyJ.access.token",
      tokenType: "Bearer",
      expiresIn: 300,
      refreshToken: REFRESH_TOKEN,
      idToken: "eyJ.id.token",
      scope: "openid invoice offline_access",
      status: 200,
    });
    expect(result.dateHeader?.toISOString()).toBe("2026-03-02T10:00:03.000Z");
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(calls[0]?.url).toBe(TOKEN_ENDPOINT);
    expect(calls[0]?.init?.method).toBe("POST");
    expect(calls[0]?.init?.redirect).toBe("manual");
    expect(Object.fromEntries(formOf(calls[0]))).toEqual({
      grant_type: "authorization_code",
      code: CODE,
      redirect_uri: "https://console.example/api/auth/callback/mobilepay",
      code_verifier: VERIFIER,
      client_id: "invoice.testclient",
      client_secret: CLIENT_SECRET,
    });
    expect(headersOf(calls[0])["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(headersOf(calls[0]).authorization).toBeUndefined();
  });

  it("supports client_secret_basic with form-encoded credentials", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(SUCCESS_BODY));
    await exchange(fetch, {
      clientId: "client:id",
      clientSecret: "s3cret+/ x",
      clientAuthentication: "client_secret_basic",
    });
    const authorization = headersOf(calls[0]).authorization ?? "";
    expect(authorization.startsWith("Basic ")).toBe(true);
    expect(Buffer.from(authorization.slice(6), "base64").toString()).toBe("client%3Aid:s3cret%2B%2F+x");
    expect(formOf(calls[0]).has("client_secret")).toBe(false);
  });

  it("treats invalid_grant as terminal and keeps the OAuth error code", async () => {
    const { fetch } = fakeFetch(() => jsonResponse({ error: "invalid_grant" }, { status: 400 }));
    const error = await captureError(exchange(fetch));
    expect(error.kind).toBe("terminal");
    expect(error.oauthError).toBe("invalid_grant");
    expect(error.status).toBe(400);
    expectNoSecrets(error);
  });

  it("treats invalid_client and unauthorized_client as configuration problems", async () => {
    for (const [status, oauthError] of [
      [401, "invalid_client"],
      [400, "unauthorized_client"],
    ] as const) {
      const { fetch } = fakeFetch(() => jsonResponse({ error: oauthError }, { status }));
      const error = await captureError(exchange(fetch));
      expect(error).toMatchObject({ kind: "configuration", oauthError, status });
    }
  });

  it("treats a bare 401 as a configuration problem", async () => {
    const { fetch } = fakeFetch(() => new Response("Unauthorized", { status: 401 }));
    expect((await captureError(exchange(fetch))).kind).toBe("configuration");
  });

  it("treats 5xx, 429, network failures and timeouts as transient", async () => {
    const fetches = [
      fakeFetch(() => new Response("bad gateway", { status: 502 })).fetch,
      fakeFetch(() => jsonResponse({ error: "temporarily_unavailable" }, { status: 503 })).fetch,
      fakeFetch(() => new Response("slow down", { status: 429 })).fetch,
      fakeFetch(() => {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) });
      }).fetch,
      hangingFetch,
      fakeFetch(() => stallingBodyResponse()).fetch,
    ];
    for (const fetch of fetches) {
      const error = await captureError(exchange(fetch, { timeoutMs: 30 }));
      expect(error.kind).toBe("transient");
      expectNoSecrets(error);
    }
  });

  it("names the timeout in the reason", async () => {
    const error = await captureError(exchange(hangingFetch, { timeoutMs: 25 }));
    expect(error.reason).toContain("within 25 ms");
  });

  it("treats non-JSON, oversize and incomplete answers as invalid responses", async () => {
    const nonJson = await captureError(exchange(fakeFetch(() => new Response("<html>ok</html>")).fetch));
    expect(nonJson.kind).toBe("invalid_response");
    expect(nonJson.reason).toContain("not JSON");

    const huge = await captureError(
      exchange(fakeFetch(() => jsonResponse({ ...SUCCESS_BODY, padding: "x".repeat(70 * 1024) })).fetch),
    );
    expect(huge.kind).toBe("invalid_response");
    expect(huge.reason).toContain("65536 bytes");

    const { access_token: _unused, ...withoutAccessToken } = SUCCESS_BODY;
    const missing = await captureError(exchange(fakeFetch(() => jsonResponse(withoutAccessToken)).fetch));
    expect(missing.kind).toBe("invalid_response");
    expect(missing.reason).toContain("access_token missing");

    const mistyped = await captureError(
      exchange(fakeFetch(() => jsonResponse({ ...SUCCESS_BODY, expires_in: "300" })).fetch),
    );
    expect(mistyped.reason).toContain("expires_in invalid");
    expect(mistyped.reason).not.toContain("eyJ.access.token");
  });

  it("treats a 4xx without an OAuth error body as an invalid response", async () => {
    const error = await captureError(exchange(fakeFetch(() => new Response("Bad Request", { status: 400 })).fetch));
    expect(error).toMatchObject({ kind: "invalid_response", status: 400 });
  });

  it("treats a redirect as a configuration problem instead of following it", async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 302, headers: { location: "https://elsewhere/" } }));
    expect((await captureError(exchange(fetch))).kind).toBe("configuration");
  });

  it("blanks out anything we sent if the OP echoes it in error_description", async () => {
    const { fetch } = fakeFetch(() =>
      jsonResponse({ error: "invalid_grant", error_description: `code ${CODE} has expired` }, { status: 400 }),
    );
    const error = await captureError(exchange(fetch));
    expect(error.reason).toContain("code [redacted] has expired");
    expectNoSecrets(error);
  });

  it("refuses to send credentials to a non-https endpoint outside loopback", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(SUCCESS_BODY));
    const error = await captureError(exchange(fetch, { tokenEndpoint: "http://api.mobilepay.dk/connect/token" }));
    expect(error.kind).toBe("configuration");
    expect(calls).toHaveLength(0);
    await expect(exchange(fetch, { tokenEndpoint: "http://127.0.0.1:4010/connect/token" })).resolves.toMatchObject({
      status: 200,
    });
  });
});

describe("refreshTokens", () => {
  it("posts the refresh token without a code_verifier", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse({ ...SUCCESS_BODY, refresh_token: "rotated" }));
    const result = await refreshTokens({
      tokenEndpoint: TOKEN_ENDPOINT,
      clientId: "invoice.testclient",
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
      fetch,
    });
    expect(result.refreshToken).toBe("rotated");
    expect(Object.fromEntries(formOf(calls[0]))).toEqual({
      grant_type: "refresh_token",
      refresh_token: REFRESH_TOKEN,
      client_id: "invoice.testclient",
      client_secret: CLIENT_SECRET,
    });
  });

  it("reports a revoked refresh token as terminal without leaking it", async () => {
    const { fetch } = fakeFetch(() =>
      jsonResponse({ error: "invalid_grant", error_description: `token ${REFRESH_TOKEN} revoked` }, { status: 400 }),
    );
    const error = await captureError(
      refreshTokens({
        tokenEndpoint: TOKEN_ENDPOINT,
        clientId: "invoice.testclient",
        clientSecret: CLIENT_SECRET,
        refreshToken: REFRESH_TOKEN,
        fetch,
      }),
    );
    expect(error.kind).toBe("terminal");
    expectNoSecrets(error);
  });
});

describe("revokeToken", () => {
  it("posts the token with its type hint and returns timing", async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 200 }));
    const result = await revokeToken({
      revocationEndpoint: REVOCATION_ENDPOINT,
      clientId: "invoice.testclient",
      clientSecret: CLIENT_SECRET,
      token: REFRESH_TOKEN,
      tokenTypeHint: "refresh_token",
      fetch,
    });
    expect(result.status).toBe(200);
    expect(calls[0]?.url).toBe(REVOCATION_ENDPOINT);
    expect(formOf(calls[0]).get("token_type_hint")).toBe("refresh_token");
    expect(formOf(calls[0]).get("token")).toBe(REFRESH_TOKEN);
  });

  it("classifies unsupported_token_type as configuration and 503 as transient", async () => {
    const base = {
      revocationEndpoint: REVOCATION_ENDPOINT,
      clientId: "invoice.testclient",
      clientSecret: CLIENT_SECRET,
      token: REFRESH_TOKEN,
      tokenTypeHint: "refresh_token" as const,
    };
    const unsupported = fakeFetch(() => jsonResponse({ error: "unsupported_token_type" }, { status: 400 })).fetch;
    expect((await captureError(revokeToken({ ...base, fetch: unsupported }))).kind).toBe("configuration");
    const unavailable = fakeFetch(() => new Response("", { status: 503 })).fetch;
    expect((await captureError(revokeToken({ ...base, fetch: unavailable }))).kind).toBe("transient");
  });
});
