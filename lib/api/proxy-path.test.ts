import { describe, expect, it } from "vitest";

import { checkProxyQuery, normaliseProxyPath } from "./proxy-path";

describe("the proxied path", () => {
  it("passes a plain path under api/, rebuilt segment by segment", () => {
    expect(normaliseProxyPath("api/v1/merchants/me")).toEqual({ ok: true, path: "api/v1/merchants/me" });
    expect(normaliseProxyPath("api/v1/invoices/3fa85f64-5717-4562-b3fc-2c963f66afa6/status")).toEqual({
      ok: true,
      path: "api/v1/invoices/3fa85f64-5717-4562-b3fc-2c963f66afa6/status",
    });
    expect(normaliseProxyPath("api/providers/a%40b")).toEqual({ ok: true, path: "api/providers/a%40b" });
  });

  it.each([
    ["api/../../control/state", "dot-segment"],
    ["api/%2e%2e/control", "dot-segment"],
    ["api/v1/%2E", "dot-segment"],
    ["api/v1/..%2fcontrol", "encoded-separator"],
    ["api/v1%2F..%2F..%2Fcontrol", "encoded-separator"],
    ["api/v1/%5c..%5ccontrol", "encoded-separator"],
    ["https://evil.example/api", "absolute-url"],
    ["http:%2F%2Fevil.example", "encoded-separator"],
    ["//evil.example/api", "empty-segment"],
    ["api//v1", "empty-segment"],
    ["api/v1/", "empty-segment"],
    ["", "path-empty"],
    ["api/v1/%zz", "undecodable-segment"],
    ["api/v1/a%00b", "unexpected-character"],
    ["api/v1/a\\b", "unexpected-character"],
    ["api/v1/a b", "unexpected-character"],
    ["control/state", "outside-api"],
    ["merchant-authentication-openidconnect/connect/token", "outside-api"],
    [`api/${"a/".repeat(20)}b`, "path-too-deep"],
    [`api/${"a".repeat(1100)}`, "path-too-long"],
  ])("refuses %s (%s)", (raw, check) => {
    expect(normaliseProxyPath(raw)).toMatchObject({ ok: false, check });
  });

  it("forwards a plain query and refuses control characters", () => {
    expect(checkProxyQuery("?page=2&status=Created")).toEqual({ ok: true, search: "?page=2&status=Created" });
    expect(checkProxyQuery("?a=\u0000")).toMatchObject({ ok: false, check: "query-control-character" });
    expect(checkProxyQuery(`?a=${"x".repeat(3000)}`)).toMatchObject({ ok: false, check: "query-too-long" });
  });
});
