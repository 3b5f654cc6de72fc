import "server-only";

import { TokenCipher } from "@/lib/crypto/token-cipher";
import { getEnv } from "@/lib/env";

let cipher: TokenCipher | undefined;

/** Bound to the staff member and column: a secret copied to another account no longer decrypts. */
function associatedData(staffId: string, column: "totpSecret" | "totpPendingSecret"): string {
  return `staff|${staffId}|${column}|v1`;
}

/** TOTP secrets are encrypted at rest with the same keyring as merchants' tokens. */
export function sealTotpSecret(staffId: string, column: "totpSecret" | "totpPendingSecret", secret: string): string {
  cipher ??= new TokenCipher(getEnv().TOKEN_ENCRYPTION_KEYS);
  return cipher.encrypt(secret, associatedData(staffId, column));
}

export function openTotpSecret(staffId: string, column: "totpSecret" | "totpPendingSecret", envelope: string): string {
  cipher ??= new TokenCipher(getEnv().TOKEN_ENCRYPTION_KEYS);
  return cipher.decrypt(envelope, associatedData(staffId, column));
}
