import { describe, expect, it } from "vitest";

import { apiPath, resolveApiUrl } from "@/lib/mobilepay/api/api-url";
import { curlCommand } from "@/lib/mobilepay/api/curl-command";
import { gatewayCredentialsFor } from "@/lib/mobilepay/api/gateway-credentials";
import { maskCredential, maskHeaders, maskJsonFields } from "@/lib/mobilepay/api/mask-headers";

describe("URL pinning", () => {
  it("keeps interpolated ids inside their path segment", () => {
    expect(apiPath`/agreements/${"a/../../b?x=1"}`).toBe("/agreements/a%2F..%2F..%2Fb%3Fx%3D1");
  });

  it("builds URLs under the configured base and refuses anything else", () => {
    const hosts = ["api.mobilepay.dk"];
    expect(resolveApiUrl("https://api.mobilepay.dk/subscriptions", "/api/merchants/me", hosts).href).toBe(
      "https://api.mobilepay.dk/subscriptions/api/merchants/me",
    );
    expect(
      resolveApiUrl("https://api.mobilepay.dk/subscriptions/", "/x", hosts, { pageNumber: 1, status: undefined })
        .search,
    ).toBe("?pageNumber=1");
    expect(() => resolveApiUrl("https://api.mobilepay.dk/subscriptions", "/../invoice-restapi/x", hosts)).toThrow();
    expect(() => resolveApiUrl("https://evil.example/subscriptions", "/x", hosts)).toThrow();
  });
});

describe("masking", () => {
  it("shows scheme, fingerprint and length of a credential, never the value", () => {
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const masked = maskCredential(`Bearer ${token}`);
    expect(masked).toMatch(/^Bearer •••• \(sha256:[0-9a-f]{12}, 49 chars\)$/);
    expect(masked).not.toContain(token.slice(0, 4));
    expect(maskHeaders({ Authorization: `Bearer ${token}`, CorrelationId: "c" })).toEqual({
      Authorization: masked,
      CorrelationId: "c",
    });
    expect(maskJsonFields({ user_name: "u", password: "p", nested: [{ password: "q" }] }, ["password"])).toEqual({
      user_name: "u",
      password: "••••",
      nested: [{ password: "••••" }],
    });
  });
});

describe("copy as curl", () => {
  it("replaces the token and the gateway secret by shell variables and quotes the rest", () => {
    const command = curlCommand({
      method: "POST",
      url: "https://api.mobilepay.dk/subscriptions/api/providers/p/agreements",
      requestHeaders: {
        Authorization: "Bearer •••• (sha256:abc, 900 chars)",
        "x-ibm-client-secret": "•••• (sha256:def, 20 chars)",
        CorrelationId: "c-1",
      },
      requestBody: `{"plan":"Bob's plan"}`,
    });
    expect(command).toContain(`-H "Authorization: Bearer $ACCESS_TOKEN"`);
    expect(command).toContain(`-H "x-ibm-client-secret: $IBM_CLIENT_SECRET"`);
    expect(command).toContain(`-H 'CorrelationId: c-1'`);
    expect(command).toContain(`--data '{"plan":"Bob'\\''s plan"}'`);
    expect(command).not.toContain("••••");
  });
});

describe("legacy gateway credentials", () => {
  it("are read per environment and never for the built-in sandbox", () => {
    const source = {
      MOBILEPAY_TEST_IBM_CLIENT_ID: "id",
      MOBILEPAY_TEST_IBM_CLIENT_SECRET: "secret",
      MOBILEPAY_PRODUCTION_IBM_CLIENT_ID: "only-id",
    };
    expect(gatewayCredentialsFor("test", source)).toEqual({ clientId: "id", clientSecret: "secret" });
    expect(gatewayCredentialsFor("production", source)).toBeUndefined();
    expect(gatewayCredentialsFor("sandbox", { ...source, MOBILEPAY_SANDBOX_IBM_CLIENT_ID: "x" })).toBeUndefined();
  });
});
