import { describe, expect, it } from "vitest";

import { senderAddress } from "@/lib/http/sender-address";

describe("the sender's address", () => {
  it("is the nearest hop of X-Forwarded-For, or unknown without one", () => {
    expect(senderAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(senderAddress(new Headers({ "x-forwarded-for": "198.51.100.1, 10.0.0.2" }))).toBe("10.0.0.2");
    expect(senderAddress(new Headers())).toBe("unknown");
    expect(senderAddress(new Headers({ "x-forwarded-for": " , " }))).toBe("unknown");
  });

  it("is cut short, so a long header cannot make a long key", () => {
    expect(senderAddress(new Headers({ "x-forwarded-for": "a".repeat(1_000) }))).toHaveLength(64);
  });
});
