import { decodeJwt } from "jose";

/**
 * The payload of a JWT for display and bookkeeping only: claims shown to staff
 * are not secret, but a decoded token is never trusted for a decision.
 */
export function decodeJwtClaims(token: string): { claims: Record<string, unknown> } | { error: string } {
  try {
    return { claims: decodeJwt(token) as Record<string, unknown> };
  } catch (error) {
    return { error: error instanceof Error ? error.message : "not a JWT" };
  }
}
