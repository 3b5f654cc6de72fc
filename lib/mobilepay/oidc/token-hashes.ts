import { createHash } from "node:crypto";

/**
 * The digest behind c_hash and at_hash is the one named by the id_token's JWS alg (OIDC Core 3.3.2.11), so the
 * mapping follows the alg's size suffix rather than a fixed SHA-256.
 */
const DIGEST_BY_SIZE: Record<string, string> = { "256": "sha256", "384": "sha384", "512": "sha512" };

const HASHABLE_ALG = /^(?:RS|PS|ES|HS)(256|384|512)$/;

export class UnsupportedHashAlgorithmError extends Error {
  constructor(readonly alg: string) {
    super(`No c_hash/at_hash digest is defined for JWS alg "${alg}"`);
    this.name = "UnsupportedHashAlgorithmError";
  }
}

export function digestForAlg(alg: string): string {
  const size = HASHABLE_ALG.exec(alg)?.[1];
  const digest = size === undefined ? undefined : DIGEST_BY_SIZE[size];
  if (digest === undefined) throw new UnsupportedHashAlgorithmError(alg);
  return digest;
}

/** base64url of the left-most half of the digest of the ASCII value, as c_hash and at_hash are defined. */
export function leftHalfHash(value: string, alg: string): string {
  const digest = createHash(digestForAlg(alg)).update(value, "ascii").digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}
