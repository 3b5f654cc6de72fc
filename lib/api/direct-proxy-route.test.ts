import { describe, expect, it } from "vitest";

import { matchDirectProxyRequest } from "./direct-proxy-route";

const PROXY = "/api/v1/merchants/cm0merchant1/proxy";

describe("which proxy requests are served before Next", () => {
  it("takes a plain path with any query, with the params Next's route would get", () => {
    expect(matchDirectProxyRequest("GET", `${PROXY}/invoice/api/v1/merchants/123/invoiceissuers?x=1&y=a%20b`)).toEqual({
      merchantId: "cm0merchant1",
      product: "invoice",
      path: ["api", "v1", "merchants", "123", "invoiceissuers"],
    });
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(matchDirectProxyRequest(method, `${PROXY}/subscriptions/api/v1/agreements/a.b-c_d~e`)?.path).toEqual([
        "api",
        "v1",
        "agreements",
        "a.b-c_d~e",
      ]);
    }
  });

  it("leaves to Next what URL parsing or its routing could change or refuse", () => {
    const leftToNext = [
      `${PROXY}/invoice/api/%2e%2e/v1`, // percent-encoding: Next's proxy checks it
      `${PROXY}/invoice/api%2Fv1`,
      `${PROXY}/invoice/api/../v1`, // dot segments, which URL parsing resolves
      `${PROXY}/invoice/./api`,
      `${PROXY}/invoice/api/..`,
      `${PROXY}/invoice/api//v1`, // an empty segment
      `${PROXY}/invoice/api/v1/`, // a trailing slash, which Next redirects
      `${PROXY}/invoice/`,
      `${PROXY}/invoice`,
      `${PROXY}/payments/api/v1`, // not a product of the proxy: Next's route answers it
      `${PROXY}/invoice/api\\v1`,
      `${PROXY}/invoice/api/v1 x`,
      `${PROXY}/invoice/apí`,
      "/api/v1/merchants/a.b/proxy/invoice/api",
      "/api/v1/merchants//proxy/invoice/api",
      `http://elsewhere${PROXY}/invoice/api`,
      `/api/v1/merchants/cm0merchant1/access-token`,
    ];
    for (const url of leftToNext) expect(matchDirectProxyRequest("GET", url), url).toBeNull();
    for (const method of ["HEAD", "OPTIONS", "TRACE", "get"]) {
      expect(matchDirectProxyRequest(method, `${PROXY}/invoice/api`), method).toBeNull();
    }
  });
});
