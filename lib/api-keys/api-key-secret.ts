import { hash, randomBytes } from "node:crypto";

/**
 * An API key secret reads `mplc_<mode>_<40 base62 characters>`: the fixed `mplc_` prefix lets secret
 * scanners find leaked keys, and the mode tells at a glance what a key can reach: `live` for production,
 * `test` for sandboxes (a key never holds both). The random part carries 238 bits, so a plain SHA-256
 * is enough to store it: nobody can guess their way back from the hash, and looking a key up costs one
 * hash and one indexed read instead of a deliberately slow password hash on every API call.
 */
export const API_KEY_PREFIX = "mplc_";
export type ApiKeyMode = "live" | "test";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 40;
const SECRET_FORMAT = /^mplc_(live|test)_[0-9A-Za-z]{40}$/;

export function newApiKeySecret(mode: ApiKeyMode): string {
  // 256 values map onto 62 letters with a bias; drawing again above 247 (= 4 × 62 − 1) removes it.
  let random = "";
  while (random.length < RANDOM_LENGTH) {
    for (const byte of randomBytes(RANDOM_LENGTH)) {
      if (byte < 248 && random.length < RANDOM_LENGTH) random += ALPHABET[byte % 62];
    }
  }
  return `${API_KEY_PREFIX}${mode}_${random}`;
}

export function looksLikeApiKeySecret(value: string): boolean {
  return SECRET_FORMAT.test(value);
}

export function hashApiKeySecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

export function lastFourOf(secret: string): string {
  return secret.slice(-4);
}
