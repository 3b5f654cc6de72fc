import { type KeyObject, sign } from "node:crypto";

export type JwtHeader = Record<string, unknown> & { alg: string };
export type JwtPayload = Record<string, unknown>;

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/**
 * Synchronous RS256 signing: the front-channel id_token has to be reshaped inside oidc-provider's
 * synchronous "authorization.success" event, where an async signer cannot be awaited.
 */
export function signRs256Jwt(header: JwtHeader, payload: JwtPayload, privateKey: KeyObject): string {
  const signingInput = `${encodeSegment({ ...header, alg: "RS256" })}.${encodeSegment(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), privateKey).toString("base64url");
  return `${signingInput}.${signature}`;
}

/** An unsecured JWT, used only to imitate a broken provider. */
export function unsignedJwt(header: JwtHeader, payload: JwtPayload): string {
  return `${encodeSegment({ ...header, alg: "none" })}.${encodeSegment(payload)}.`;
}

export function decodeJwtParts(jwt: string): { header: JwtHeader; payload: JwtPayload } {
  const [header, payload] = jwt.split(".");
  if (!header || !payload) throw new Error("Not a compact JWS");
  return {
    header: JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as JwtHeader,
    payload: JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as JwtPayload,
  };
}
