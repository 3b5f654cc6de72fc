import "server-only";

import { claimTime, maskToken, type MaskedToken, type TokenKind } from "@/lib/inspection/mask-token";
import type { StoredTokenSet } from "@/lib/tokens/read-stored-sets";
import { openTokenSet } from "@/lib/tokens/read-token-set";

export type MaskedTokenSet = { tokens: MaskedToken[]; refreshTokenSliding: true };

/** The stored, non-secret facts the masks are dated with; the merchant page has already read them. */
export type StoredTokenFacts = {
  accessTokenIssuedAt: Date;
  accessTokenExpiresAt: Date;
  lastRefreshedAt: Date | null;
  idTokenClaims: string;
  accessTokenClaims: string;
};

/** The decrypted set, or why it cannot be decrypted; the plaintext stays inside this module's callers on the server. */
export type OpenedTokens =
  | { kind: "opened"; tokens: ReturnType<typeof openTokenSet> }
  | { kind: "absent" }
  | { kind: "undecodable"; reason: string };

function parseClaims(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function undecodable(reason: string): MaskedToken[] {
  return (["access", "refresh", "id"] as TokenKind[]).map((kind) => ({ kind, status: "undecodable", reason }));
}

/** Decrypts the merchant's tokens only to measure and fingerprint them; the merchant page has read the set. */
export function openTokensForMasking(set: StoredTokenSet | null): OpenedTokens {
  if (!set) return { kind: "absent" };
  try {
    return { kind: "opened", tokens: openTokenSet(set) };
  } catch (error) {
    return {
      kind: "undecodable",
      reason: error instanceof Error ? error.message : "the stored value cannot be decrypted",
    };
  }
}

/**
 * The merchant's tokens as staff may see them. The plaintext never leaves the server; a value that cannot be
 * decrypted is reported with the reason.
 */
export function maskTokenSet(opened: OpenedTokens, stored: StoredTokenFacts | null): MaskedTokenSet | null {
  if (!stored) return null;
  if (opened.kind === "undecodable") return { tokens: undecodable(opened.reason), refreshTokenSliding: true };
  if (opened.kind === "absent") return null;
  const plain = opened.tokens;
  const accessClaims = parseClaims(stored.accessTokenClaims);
  const idClaims = parseClaims(stored.idTokenClaims);
  // The token store may or may not hand out the id_token; without it only its claims are known.
  const idToken = "idToken" in plain && typeof plain.idToken === "string" ? plain.idToken : undefined;
  return {
    tokens: [
      maskToken("access", plain.accessToken, {
        issuedAt: claimTime(accessClaims, "iat") ?? stored.accessTokenIssuedAt,
        expiresAt: stored.accessTokenExpiresAt,
      }),
      maskToken("refresh", plain.refreshToken, { issuedAt: stored.lastRefreshedAt ?? stored.accessTokenIssuedAt }),
      idToken
        ? maskToken("id", idToken, { issuedAt: claimTime(idClaims, "iat"), expiresAt: claimTime(idClaims, "exp") })
        : {
            kind: "id",
            status: "missing",
            reason: "Only the id_token's claims are kept for inspection; its value is not read back.",
          },
    ],
    refreshTokenSliding: true,
  };
}
