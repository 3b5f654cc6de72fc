import "server-only";

import { getDb } from "@/lib/db/client";
import { decryptTokenColumn, type TokenColumn } from "@/lib/tokens/token-cipher-instance";

/**
 * The one place stored token values are decrypted. Callers get plaintext only
 * to send it to the merchant's own MobilePay environment.
 */
export async function readTokenSet(merchantId: string) {
  const set = await getDb().merchantTokenSet.findUnique({
    where: { merchantId },
    include: { merchant: { select: { environment: true } } },
    omit: { accessTokenCiphertext: false, refreshTokenCiphertext: false, idTokenCiphertext: false },
  });
  if (!set) return null;
  const owner = { environment: set.merchant.environment, merchantId };
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
