import { describe, expect, it } from "vitest";

import { buildContentSecurityPolicy, securityHeaders } from "./content-security-policy";

describe("buildContentSecurityPolicy", () => {
  it("allows scripts only with the request's nonce in production", () => {
    const policy = buildContentSecurityPolicy({ nonce: "abc", development: false, formActionOrigins: [] });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it("lets forms lead to the configured authorize origins", () => {
    const policy = buildContentSecurityPolicy({
      nonce: "abc",
      development: false,
      formActionOrigins: ["http://127.0.0.1:4010", "https://admin.mobilepay.dk"],
    });
    expect(policy).toContain("form-action 'self' http://127.0.0.1:4010 https://admin.mobilepay.dk");
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only in production over HTTPS", () => {
    expect(securityHeaders(true, true)["Strict-Transport-Security"]).toBeDefined();
    expect(securityHeaders(true, false)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(false, true)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(true, true)["X-Content-Type-Options"]).toBe("nosniff");
  });
});
