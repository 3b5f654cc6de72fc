import { describe, expect, it } from "vitest";

import { boundedRequest, BoundedRequestError, describeUrl, parseDateHeader } from "./bounded-request";
import { fakeFetch, hangingFetch, stallingBodyResponse } from "./test-fixtures";

const URL_WITH_QUERY = "https://op.example/path?client_secret=should-not-appear";

function request(fetch: Parameters<typeof boundedRequest>[0]["fetch"], maxBodyBytes = 1024, timeoutMs = 50) {
  return boundedRequest({ url: URL_WITH_QUERY, init: { method: "GET" }, fetch, timeoutMs, maxBodyBytes });
}

describe("boundedRequest", () => {
  it("returns status, headers and the whole body", async () => {
    const response = await request(fakeFetch(() => new Response("hello", { status: 201, headers: { x: "1" } })).fetch);
    expect(response.status).toBe(201);
    expect(response.bodyText).toBe("hello");
    expect(response.headers.get("x")).toBe("1");
  });

  it("stops at a declared or streamed body above the limit", async () => {
    const declared = fakeFetch(() => new Response("x", { headers: { "content-length": "5000" } })).fetch;
    await expect(request(declared)).rejects.toMatchObject({ kind: "too_large" });
    const streamed = fakeFetch(() => new Response("y".repeat(2048))).fetch;
    await expect(request(streamed)).rejects.toMatchObject({ kind: "too_large" });
  });

  it("times out while waiting for headers and while reading the body", async () => {
    await expect(request(hangingFetch)).rejects.toMatchObject({ kind: "timeout" });
    await expect(request(fakeFetch(() => stallingBodyResponse()).fetch)).rejects.toMatchObject({ kind: "timeout" });
  });

  it("keeps query strings out of error messages", async () => {
    const failure = request(
      fakeFetch(() => {
        throw new TypeError("fetch failed");
      }).fetch,
    );
    await expect(failure).rejects.toBeInstanceOf(BoundedRequestError);
    await expect(failure).rejects.toThrow("Could not reach https://op.example/path: fetch failed");
    expect(describeUrl(URL_WITH_QUERY)).toBe("https://op.example/path");
    expect(describeUrl("not a url")).toBe("(invalid URL)");
  });

  it("parses a valid Date header and ignores a broken one", () => {
    expect(parseDateHeader(new Headers({ date: "Mon, 02 Mar 2026 10:00:03 GMT" }))?.toISOString()).toBe(
      "2026-03-02T10:00:03.000Z",
    );
    expect(parseDateHeader(new Headers({ date: "yesterday" }))).toBeUndefined();
    expect(parseDateHeader(new Headers())).toBeUndefined();
  });
});
