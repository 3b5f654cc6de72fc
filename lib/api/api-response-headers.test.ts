import { describe, expect, it } from "vitest";

import { apiEndpoint } from "@/lib/api/api-response-headers";

describe("apiEndpoint", () => {
  it("adds the security headers and a policy that allows nothing to every answer, errors included", async () => {
    const endpoint = apiEndpoint(async (request: Request) =>
      request.method === "GET" ? Response.json({ ok: true }) : new Response("no", { status: 405 }),
    );
    for (const method of ["GET", "POST"]) {
      const answer = await endpoint(new Request("http://console.test/api/v1/merchants", { method }));
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("x-frame-options")).toBe("DENY");
      expect(answer.headers.get("referrer-policy")).toBe("no-referrer");
      expect(answer.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it("keeps the handler's own status, body and headers", async () => {
    const endpoint = apiEndpoint(() =>
      Response.json({ id: "m1" }, { status: 201, headers: { "cache-control": "no-store" } }),
    );
    const answer = await endpoint(new Request("http://console.test/api/v1/consent-links", { method: "POST" }));
    expect(answer.status).toBe(201);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(await answer.json()).toEqual({ id: "m1" });
  });
});
