import { createHash } from "node:crypto";

import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from "jose";

export function discoveryUrl(baseUrl: string): string {
  return new URL("/merchant-authentication-openidconnect/.well-known/openid-configuration", baseUrl).href;
}

export function jwksFor(baseUrl: string) {
  return createRemoteJWKSet(
    new URL("/merchant-authentication-openidconnect/.well-known/openid-configuration/jwks", baseUrl),
    {
      cooldownDuration: 0,
    },
  );
}

/** left-most half of SHA-256, base64url: c_hash and at_hash for RS256 (OIDC Core 3.3.2.11). */
export function halfHash(value: string): string {
  return createHash("sha256").update(value).digest().subarray(0, 16).toString("base64url");
}

export async function verifyIdToken(
  baseUrl: string,
  issuer: string,
  idToken: string,
  clientId: string,
): Promise<JWTPayload> {
  const { payload } = await jwtVerify(idToken, jwksFor(baseUrl), { issuer, audience: clientId, algorithms: ["RS256"] });
  return payload;
}

export function claimsOf(jwt: string): JWTPayload & Record<string, unknown> {
  return decodeJwt(jwt) as JWTPayload & Record<string, unknown>;
}
