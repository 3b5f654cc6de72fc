import "server-only";

import { getKeyringCipher } from "@/lib/crypto/keyring-cipher";
import type { TokenCipher } from "@/lib/crypto/token-cipher";

export function getTokenCipher(): TokenCipher {
  return getKeyringCipher();
}

export type TokenColumn = "accessToken" | "refreshToken" | "idToken";

/** Binds a ciphertext to its merchant and column: moved anywhere else, it no longer decrypts. */
export function tokenAssociatedData(environment: string, merchantId: string, column: TokenColumn): string {
  return `${environment}|${merchantId}|${column}|v1`;
}

/** Opens one stored token column of a merchant's set. */
export function decryptTokenColumn(
  envelope: string,
  owner: { environment: string; merchantId: string },
  column: TokenColumn,
): string {
  return getTokenCipher().decrypt(envelope, tokenAssociatedData(owner.environment, owner.merchantId, column));
}
