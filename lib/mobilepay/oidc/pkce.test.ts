import { describe, expect, it } from "vitest";

import { createPkcePair, pkceChallengeFor, randomUrlSafe } from "./pkce";

describe("createPkcePair", () => {
  it("creates a 43-character unreserved verifier with its S256 challenge", () => {
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(pair.verifier).toHaveLength(43);
    expect(pair.method).toBe("S256");
    expect(pair.challenge).toBe(pkceChallengeFor(pair.verifier));
    expect(pair.challenge).not.toBe(pair.verifier);
  });

  it("computes the RFC 7636 appendix B challenge", () => {
    expect(pkceChallengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("never repeats a verifier", () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createPkcePair().verifier));
    expect(verifiers.size).toBe(50);
  });
});

describe("randomUrlSafe", () => {
  it("encodes the requested number of random bytes as base64url", () => {
    expect(randomUrlSafe(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomUrlSafe(32)).toHaveLength(43);
    expect(randomUrlSafe(32)).not.toBe(randomUrlSafe(32));
  });

  it("refuses byte counts too small to be unguessable or not integers", () => {
    expect(() => randomUrlSafe(8)).toThrow(RangeError);
    expect(() => randomUrlSafe(97)).toThrow(RangeError);
    expect(() => randomUrlSafe(20.5)).toThrow(RangeError);
  });
});
