import { describe, expect, it } from "vitest";

import { redact } from "./logger";

describe("redact", () => {
  it("replaces values under secret-looking keys, at any depth", () => {
    const result = redact({
      merchant: "m-1",
      refresh_token: "rt-value",
      nested: { accessToken: "at-value", headers: { authorization: "Bearer x" } },
      list: [{ client_secret: "s" }],
    });
    expect(JSON.stringify(result)).not.toMatch(/rt-value|at-value|Bearer x|"s"/);
    expect(result).toMatchObject({ merchant: "m-1", refresh_token: "[redacted]" });
  });

  it("keeps an error's name and message", () => {
    expect(redact(new TypeError("boom"))).toEqual({ name: "TypeError", message: "boom" });
  });
});
