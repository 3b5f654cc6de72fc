import { describe, expect, it } from "vitest";

import { fingerprint } from "@/lib/crypto/fingerprint";

import { claimTime, maskToken } from "./mask-token";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu";

describe("maskToken", () => {
  it("keeps only type, length, fingerprint and the last four characters", () => {
    const masked = maskToken("access", JWT, { issuedAt: new Date(0), expiresAt: new Date(300_000) });
    expect(masked).toEqual({
      kind: "access",
      status: "stored",
      format: "JWT",
      length: JWT.length,
      fingerprint: fingerprint(JWT),
      lastFour: JWT.slice(-4),
      issuedAt: "1970-01-01T00:00:00.000Z",
      expiresAt: "1970-01-01T00:05:00.000Z",
    });
    expect(JSON.stringify(masked)).not.toContain(JWT.slice(0, 20));
  });

  it("tells opaque tokens from JWTs and hides the end of short values", () => {
    const masked = maskToken("refresh", "short-opaque");
    expect(masked).toMatchObject({ format: "opaque", lastFour: "····", issuedAt: null, expiresAt: null });
    expect(maskToken("refresh", "A1B2C3D4E5F6G7H8I9J0")).toMatchObject({ format: "opaque", lastFour: "I9J0" });
  });

  it("uses a 12-character SHA-256 prefix as fingerprint", () => {
    const masked = maskToken("id", JWT);
    expect(masked.status === "stored" && masked.fingerprint).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("claimTime", () => {
  it("reads numeric time claims in seconds and ignores anything else", () => {
    expect(claimTime({ iat: 1_700_000_000 }, "iat")?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(claimTime({ iat: "1700000000" }, "iat")).toBeNull();
    expect(claimTime({}, "exp")).toBeNull();
  });
});
