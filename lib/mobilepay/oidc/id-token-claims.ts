import { decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";

/** The claims the console reads from MobilePay id_tokens; unknown claims are kept but not typed. */
export type IdTokenClaims = {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nbf?: number;
  azp?: string;
  nonce?: string;
  c_hash?: string;
  at_hash?: string;
  auth_time?: number;
  amr?: string[];
  idp?: string;
  merchant_id?: string;
  merchant_vat?: string;
  [claim: string]: unknown;
};

export type IdTokenHeader = { alg: string; kid?: string };

const REQUIRED_CLAIMS = ["iss", "sub", "aud", "exp", "iat"] as const;

const headerSchema = z.looseObject({ alg: z.string().min(1), kid: z.string().min(1).optional() });

/** The OIDC Core §2 required claims, typed; optional ones are tolerated when their type is off, as the checks say. */
const claimsSchema = z.looseObject({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  exp: z.number().finite(),
  iat: z.number().finite(),
});

export type DecodedIdToken = {
  header: IdTokenHeader;
  /** Unverified payload: what the token says, for reporting, even when some claims are missing or mistyped. */
  payload: Record<string, unknown>;
  /** Set only when the required claims are present with the right types. */
  claims?: IdTokenClaims;
  missingRequiredClaims: string[];
};

export type DecodeFailure = { reason: string };

/**
 * Reads header and payload without verifying anything, so each check can report on what the token claims even
 * when the signature fails. Nothing here may be trusted before the signature check passes.
 */
export function decodeIdTokenUnverified(idToken: string): DecodedIdToken | DecodeFailure {
  let rawHeader: unknown;
  let payload: Record<string, unknown>;
  try {
    rawHeader = decodeProtectedHeader(idToken);
    payload = decodeJwt(idToken);
  } catch {
    return { reason: `not a decodable JWT (${idToken.split(".").length} segments, ${idToken.length} characters)` };
  }
  const header = headerSchema.safeParse(rawHeader);
  if (!header.success) return { reason: "the JWS header has no alg" };

  const claims = claimsSchema.safeParse(payload);
  const missingRequiredClaims = claims.success
    ? []
    : REQUIRED_CLAIMS.filter((name) => claims.error.issues.some((issue) => issue.path[0] === name));
  return {
    header: { alg: header.data.alg, ...(header.data.kid === undefined ? {} : { kid: header.data.kid }) },
    payload,
    ...(claims.success ? { claims: claims.data as IdTokenClaims } : {}),
    missingRequiredClaims,
  };
}

export function audiencesOf(payload: Record<string, unknown>): string[] {
  const aud = payload.aud;
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud)) return aud.filter((entry): entry is string => typeof entry === "string");
  return [];
}

export function stringClaim(payload: Record<string, unknown>, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" ? value : undefined;
}

export function numericClaim(payload: Record<string, unknown>, name: string): number | undefined {
  const value = payload[name];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
