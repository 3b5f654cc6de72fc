import { fingerprint } from "@/lib/crypto/fingerprint";

import type { TokenKind } from "@/lib/inspection/token-kinds";

export { TOKEN_KIND_LABELS, type TokenKind } from "@/lib/inspection/token-kinds";

/** What staff may see of a stored token: enough to match it with another system, never enough to use it. */
export type MaskedToken =
  | {
      kind: TokenKind;
      status: "stored";
      /** "JWT" or "opaque": a JWT's payload is shown as claims elsewhere, never with its signature. */
      format: "JWT" | "opaque";
      length: number;
      fingerprint: string;
      lastFour: string;
      issuedAt: string | null;
      expiresAt: string | null;
    }
  | { kind: TokenKind; status: "missing"; reason: string }
  | { kind: TokenKind; status: "undecodable"; reason: string };

/** Below this length the last four characters would give away too much of the value. */
const MIN_LENGTH_FOR_LAST_FOUR = 16;

function looksLikeJwt(value: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value);
}

export function maskToken(
  kind: TokenKind,
  value: string,
  times: { issuedAt?: Date | null; expiresAt?: Date | null } = {},
): MaskedToken {
  return {
    kind,
    status: "stored",
    format: looksLikeJwt(value) ? "JWT" : "opaque",
    length: value.length,
    fingerprint: fingerprint(value),
    lastFour: value.length >= MIN_LENGTH_FOR_LAST_FOUR ? value.slice(-4) : "····",
    issuedAt: times.issuedAt?.toISOString() ?? null,
    expiresAt: times.expiresAt?.toISOString() ?? null,
  };
}

/** A JWT time claim (seconds since the epoch) as a Date, or null when absent or not a number. */
export function claimTime(claims: Record<string, unknown>, name: string): Date | null {
  const value = claims[name];
  return typeof value === "number" && Number.isFinite(value) ? new Date(value * 1000) : null;
}
