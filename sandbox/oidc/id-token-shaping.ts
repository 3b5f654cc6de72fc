import { createHash, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";

import type { BadIdTokenKind, BadTokenEndpointIdTokenKind } from "../faults/bad-id-token-kinds";
import { decodeJwtParts, type JwtPayload, signRs256Jwt, unsignedJwt } from "../keys/rs256-signer";
import { AUTHENTICATION_METHODS, IDENTITY_PROVIDER } from "./mobilepay-claims";

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface IdTokenShapingOptions {
  signingKey: ActiveSigningKey;
  skewSeconds: number;
  /** MobilePay's refreshed id_tokens carry no nonce. */
  dropNonce?: boolean;
  /** The token endpoint's id_token carries at_hash, as MobilePay's does (oidc-provider leaves it out there). */
  accessTokenForHash?: string;
  fault?: BadIdTokenKind | BadTokenEndpointIdTokenKind | null;
}

const TIME_CLAIMS = ["iat", "nbf", "exp", "auth_time"] as const;
const FAULT_OFFSET_SECONDS = 3600;

let impostorKey: KeyObject | undefined;

/** A key nobody publishes, for the faults that need a signature no JWKS can verify. */
function impostorSigningKey(): KeyObject {
  impostorKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  return impostorKey;
}

function halfSha256(value: string): string {
  return createHash("sha256").update(value).digest().subarray(0, 16).toString("base64url");
}

function withMobilePayClaims(payload: JwtPayload): JwtPayload {
  const iat = payload.iat as number;
  return {
    nbf: iat,
    ...payload,
    idp: IDENTITY_PROVIDER,
    amr: AUTHENTICATION_METHODS,
  };
}

function shiftTimes(payload: JwtPayload, seconds: number): JwtPayload {
  if (seconds === 0) return payload;
  const shifted = { ...payload };
  for (const claim of TIME_CLAIMS) {
    const value = shifted[claim];
    if (typeof value === "number") shifted[claim] = value + seconds;
  }
  return shifted;
}

function breakPayload(payload: JwtPayload, kind: BadIdTokenKind | BadTokenEndpointIdTokenKind): JwtPayload {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case "wrong-iss":
      return { ...payload, iss: `${String(payload.iss)}/impostor` };
    case "wrong-aud":
      return { ...payload, aud: "some-other-client" };
    case "expired":
      return {
        ...payload,
        iat: now - 2 * FAULT_OFFSET_SECONDS,
        nbf: now - 2 * FAULT_OFFSET_SECONDS,
        exp: now - FAULT_OFFSET_SECONDS,
      };
    case "future-iat":
      return {
        ...payload,
        iat: now + FAULT_OFFSET_SECONDS,
        nbf: now + FAULT_OFFSET_SECONDS,
        exp: now + 2 * FAULT_OFFSET_SECONDS,
      };
    case "wrong-nonce":
      return { ...payload, nonce: randomBytes(16).toString("hex") };
    case "bad-c-hash":
      return { ...payload, c_hash: halfSha256(`not-the-code-${randomBytes(8).toString("hex")}`) };
    case "bad-at-hash":
      return { ...payload, at_hash: halfSha256(`not-the-access-token-${randomBytes(8).toString("hex")}`) };
    default:
      return payload;
  }
}

/**
 * Re-issues an id_token minted by oidc-provider in MobilePay's shape (nbf, idp, amr), on the OP's
 * possibly skewed clock, and optionally broken in one deliberate way for relying-party tests.
 */
export function shapeIdToken(idToken: string, options: IdTokenShapingOptions): string {
  const { header } = decodeJwtParts(idToken);
  let payload = shiftTimes(withMobilePayClaims(decodeJwtParts(idToken).payload), options.skewSeconds);
  if (options.dropNonce) delete payload.nonce;
  if (options.accessTokenForHash) payload.at_hash = halfSha256(options.accessTokenForHash);

  const fault = options.fault ?? null;
  if (fault) payload = breakPayload(payload, fault);

  const shapedHeader = { typ: "JWT", ...header, alg: "RS256", kid: options.signingKey.kid };
  switch (fault) {
    case "alg-none":
      return unsignedJwt({ typ: "JWT", alg: "none" }, payload);
    case "wrong-signature":
      return signRs256Jwt(shapedHeader, payload, impostorSigningKey());
    case "unknown-kid":
      return signRs256Jwt(
        { ...shapedHeader, kid: randomBytes(20).toString("hex").toUpperCase() },
        payload,
        impostorSigningKey(),
      );
    default:
      return signRs256Jwt(shapedHeader, payload, options.signingKey.privateKey);
  }
}
