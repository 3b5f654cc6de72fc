import "server-only";

import type { TokenCipher } from "@/lib/crypto/token-cipher";
import { fingerprint } from "@/lib/crypto/fingerprint";
import { getTokenCipher, tokenAssociatedData, type TokenColumn } from "@/lib/tokens/token-cipher-instance";

export type PlainTokenSet = { accessToken: string; refreshToken: string; idToken?: string };

/** The ciphertext columns of a token set, each bound to its merchant and column. */
export function encryptTokenSet(environmentId: string, merchantId: string, tokens: PlainTokenSet) {
  const cipher = getTokenCipher();
  return {
    accessTokenCiphertext: seal(cipher, environmentId, merchantId, tokens.accessToken, "accessToken"),
    refreshTokenCiphertext: seal(cipher, environmentId, merchantId, tokens.refreshToken, "refreshToken"),
    idTokenCiphertext: tokens.idToken ? seal(cipher, environmentId, merchantId, tokens.idToken, "idToken") : null,
    keyId: cipher.currentKeyId,
    refreshTokenFingerprint: fingerprint(tokens.refreshToken),
  };
}

// A module function rather than a closure per call: under tsx, each closure is also renamed through
// Object.defineProperty, which cost as much as the fingerprint.
function seal(cipher: TokenCipher, environmentId: string, merchantId: string, value: string, column: TokenColumn) {
  return cipher.encrypt(value, tokenAssociatedData(environmentId, merchantId, column));
}
