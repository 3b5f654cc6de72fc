import "server-only";

import { getKeyringCipher } from "@/lib/crypto/keyring-cipher";

export type TotpSecretColumn = "totpSecret" | "totpPendingSecret";

/** Bound to the staff member and column: a secret copied to another account no longer decrypts. */
function associatedData(staffId: string, column: TotpSecretColumn): string {
  return `staff|${staffId}|${column}|v1`;
}

/** TOTP secrets are encrypted at rest with the same keyring as merchants' tokens. */
export function sealTotpSecret(staffId: string, column: TotpSecretColumn, secret: string): string {
  return getKeyringCipher().encrypt(secret, associatedData(staffId, column));
}

export function openTotpSecret(staffId: string, column: TotpSecretColumn, envelope: string): string {
  return getKeyringCipher().decrypt(envelope, associatedData(staffId, column));
}
