import { describe, expect, it } from "vitest";

import { maskTokenSet, type OpenedTokens, type StoredTokenFacts } from "@/lib/inspection/get-masked-tokens";

const stored: StoredTokenFacts = {
  accessTokenIssuedAt: new Date("2026-01-01T10:00:00Z"),
  accessTokenExpiresAt: new Date("2026-01-01T10:05:00Z"),
  lastRefreshedAt: null,
  idTokenClaims: JSON.stringify({ iat: 1_767_261_600, exp: 1_767_261_900 }),
  accessTokenClaims: "{}",
};

const accessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZXJjaGFudCJ9.c2lnbmF0dXJlLXZhbHVl";
const refreshToken = "refresh-token-value-that-is-long-enough";

function opened(idToken: string | null): OpenedTokens {
  return {
    kind: "opened",
    tokens: {
      version: 3,
      environment: "sandbox",
      accessToken,
      refreshToken,
      idToken,
      accessTokenExpiresAt: stored.accessTokenExpiresAt,
      refreshTokenFingerprint: "0123456789ab",
    },
  };
}

describe("maskTokenSet", () => {
  it("shows each stored token masked and dated, never its value", () => {
    const masked = maskTokenSet(opened(null), stored);
    expect(masked?.tokens.map((token) => [token.kind, token.status])).toEqual([
      ["access", "stored"],
      ["refresh", "stored"],
      ["id", "missing"],
    ]);
    const access = masked?.tokens[0];
    expect(access).toMatchObject({ format: "JWT", length: accessToken.length, lastFour: accessToken.slice(-4) });
    expect(access).toMatchObject({ expiresAt: stored.accessTokenExpiresAt.toISOString() });
    const text = JSON.stringify(masked);
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(refreshToken);
  });

  it("dates an id_token the store hands out from its claims", () => {
    const idToken = "eyJhbGciOiJSUzI1NiJ9.eyJub25jZSI6Im4ifQ.aWQtc2lnbmF0dXJl";
    const id = maskTokenSet(opened(idToken), stored)?.tokens[2];
    expect(id).toMatchObject({ kind: "id", status: "stored", issuedAt: "2026-01-01T10:00:00.000Z" });
  });

  it("reports a set that cannot be decrypted with the reason, for all three tokens", () => {
    const masked = maskTokenSet({ kind: "undecodable", reason: "no key with id old" }, stored);
    expect(masked?.tokens).toEqual([
      { kind: "access", status: "undecodable", reason: "no key with id old" },
      { kind: "refresh", status: "undecodable", reason: "no key with id old" },
      { kind: "id", status: "undecodable", reason: "no key with id old" },
    ]);
  });

  it("shows nothing for a merchant without tokens, or whose tokens went away meanwhile", () => {
    expect(maskTokenSet(opened(null), null)).toBeNull();
    expect(maskTokenSet({ kind: "absent" }, stored)).toBeNull();
  });
});
