import "server-only";

import { randomBytes } from "node:crypto";

import { getKeyringCipher } from "@/lib/crypto/keyring-cipher";

/** Standard Webhooks: 24–64 random bytes, shown as whsec_ + base64. 32 bytes, as HMAC-SHA256 wants. */
const SECRET_BYTES = 32;
export const SECRET_PREFIX = "whsec_";

/** How long the secret before a rotation keeps signing, so receivers can switch without missing a message. */
export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 3600_000;

export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

export type SecretColumn = "secret" | "previousSecret";

/** Binds a ciphertext to its endpoint and column, so a secret copied to another endpoint does not open. */
const associatedData = (endpointId: string, column: SecretColumn) => `webhook-endpoint|${endpointId}|${column}|v1`;

export function sealSigningSecret(secret: string, endpointId: string, column: SecretColumn = "secret"): string {
  return getKeyringCipher().encrypt(secret, associatedData(endpointId, column));
}

export function openSigningSecret(envelope: string, endpointId: string, column: SecretColumn = "secret"): string {
  return getKeyringCipher().decrypt(envelope, associatedData(endpointId, column));
}

/** The envelope sealed again with the keyring's current key, or undefined when it already uses that key. */
export function resealSigningSecret(envelope: string, endpointId: string, column: SecretColumn): string | undefined {
  if (!getKeyringCipher().needsRotation(envelope)) return undefined;
  return sealSigningSecret(openSigningSecret(envelope, endpointId, column), endpointId, column);
}
