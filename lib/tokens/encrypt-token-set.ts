import "server-only";

import { fingerprint } from "@/lib/crypto/fingerprint";
import { getTokenCipher, tokenAssociatedData } from "@/lib/tokens/token-cipher-instance";

export type PlainTokenSet = { accessToken: string; refreshToken: string; idToken?: string };

/** The ciphertext columns of a token set, each bound to its merchant and column. */
export function encryptTokenSet(environmentId: string, merchantId: string, tokens: PlainTokenSet) {
  const cipher = getTokenCipher();
  const seal = (value: string, column: "accessToken" | "refreshToken" | "idToken") =>
    cipher.encrypt(value, tokenAssociatedData(environmentId, merchantId, column));
  return {
    accessTokenCiphertext: seal(tokens.accessToken, "accessToken"),
    refreshTokenCiphertext: seal(tokens.refreshToken, "refreshToken"),
    idTokenCiphertext: tokens.idToken ? seal(tokens.idToken, "idToken") : null,
    keyId: cipher.currentKeyId,
    refreshTokenFingerprint: fingerprint(tokens.refreshToken),
  };
}
