import "server-only";

import { getDb } from "@/lib/db/client";
import { readStoredSets, type StoredTokenSet } from "@/lib/tokens/read-stored-sets";
import { decryptTokenColumn, type TokenColumn } from "@/lib/tokens/token-cipher-instance";

/**
 * The one place stored token values are decrypted. Callers get plaintext only
 * to send it to the merchant's own MobilePay environment.
 */
export function openTokenSet(set: StoredTokenSet) {
  const owner = { environment: set.merchant.environment, merchantId: set.merchantId };
  const open = (envelope: string, column: TokenColumn) => decryptTokenColumn(envelope, owner, column);
  return {
    version: set.version,
    environment: set.merchant.environment,
    accessToken: open(set.accessTokenCiphertext, "accessToken"),
    refreshToken: open(set.refreshTokenCiphertext, "refreshToken"),
    idToken: set.idTokenCiphertext ? open(set.idTokenCiphertext, "idToken") : null,
    accessTokenExpiresAt: set.accessTokenExpiresAt,
    refreshTokenFingerprint: set.refreshTokenFingerprint,
  };
}

export async function readTokenSet(merchantId: string) {
  const [set] = await readStoredSets(getDb(), [merchantId]);
  return set ? openTokenSet(set) : null;
}
