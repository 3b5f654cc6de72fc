import "server-only";

import { TokenCipher } from "@/lib/crypto/token-cipher";
import { getEnv } from "@/lib/env";

let cipher: TokenCipher | undefined;

/**
 * The one cipher of TOKEN_ENCRYPTION_KEYS. Merchants' tokens, staff TOTP secrets and webhook signing secrets
 * are all sealed with it, so there is one keyring to keep and one rotation (`npm run keys:rotate`) for all.
 */
export function getKeyringCipher(): TokenCipher {
  cipher ??= new TokenCipher(getEnv().TOKEN_ENCRYPTION_KEYS);
  return cipher;
}
