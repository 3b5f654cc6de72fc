import { createHash, randomBytes } from "node:crypto";

/** Below 128 bits a state or nonce becomes guessable (RFC 9700 §4.7); above 96 bytes it stops fitting a verifier. */
const MIN_RANDOM_BYTES = 16;
const MAX_RANDOM_BYTES = 96;

/** 32 octets encode to the 43-character minimum of RFC 7636 §4.1, which MobilePay's docs also recommend. */
const VERIFIER_BYTES = 32;

export type PkcePair = { verifier: string; challenge: string; method: "S256" };

/** Random bytes as base64url: only RFC 3986 unreserved characters, so safe in state, nonce and code_verifier. */
export function randomUrlSafe(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < MIN_RANDOM_BYTES || bytes > MAX_RANDOM_BYTES) {
    throw new RangeError(`randomUrlSafe needs an integer byte count from ${MIN_RANDOM_BYTES} to ${MAX_RANDOM_BYTES}`);
  }
  return randomBytes(bytes).toString("base64url");
}

export function pkceChallengeFor(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** Always S256: MobilePay also advertises "plain", which would expose the verifier in the front channel. */
export function createPkcePair(): PkcePair {
  const verifier = randomUrlSafe(VERIFIER_BYTES);
  return { verifier, challenge: pkceChallengeFor(verifier), method: "S256" };
}
