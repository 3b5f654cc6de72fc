import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32 without I, L, O and U: nothing to misread when a code is typed from paper.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Ten fresh codes of 100 random bits each, written `XXXXX-XXXXX-XXXXX-XXXXX`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(20);
    const characters = Array.from(bytes, (byte) => ALPHABET[byte % 32]).join("");
    return characters.match(/.{5}/g)!.join("-");
  });
}

/** Whether what was typed has the shape of a recovery code (rather than a six-digit TOTP code). */
export function looksLikeRecoveryCode(input: string): boolean {
  return normalizedRecoveryCode(input).length === 20;
}

function normalizedRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/**
 * Stored instead of the code. A plain SHA-256 is enough: each code carries 100 random bits, so there is no
 * dictionary to try, and the hash can be looked up directly.
 */
export function recoveryCodeHash(input: string): string {
  return createHash("sha256")
    .update(`recovery-code|${normalizedRecoveryCode(input)}`)
    .digest("hex");
}
