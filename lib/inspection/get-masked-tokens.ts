import "server-only";

import { getDb } from "@/lib/db/client";
import { claimTime, maskToken, type MaskedToken, type TokenKind } from "@/lib/inspection/mask-token";
import { readTokenSet } from "@/lib/tokens/read-token-set";

export type MaskedTokenSet = { tokens: MaskedToken[]; refreshTokenSliding: true };

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

/**
 * The merchant's tokens as staff may see them: decrypted here on the server only to measure and fingerprint them.
 * The plaintext never leaves this function; a value that cannot be decrypted is reported with the reason.
 */
export async function getMaskedTokens(merchantId: string): Promise<MaskedTokenSet | null> {
  const stored = await getDb().merchantTokenSet.findUnique({
    where: { merchantId },
    select: {
      accessTokenIssuedAt: true,
      accessTokenExpiresAt: true,
      lastRefreshedAt: true,
      idTokenClaims: true,
      accessTokenClaims: true,
    },
  });
  if (!stored) return null;
  let plain: Awaited<ReturnType<typeof readTokenSet>>;
  try {
    plain = await readTokenSet(merchantId);
  } catch (error) {
    return {
      tokens: undecodable(error instanceof Error ? error.message : "the stored value cannot be decrypted"),
      refreshTokenSliding: true,
    };
  }
  if (!plain) return null;
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
