import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM envelopes for token values at rest:
 * `v1.<keyId>.<iv base64url>.<ciphertext+tag base64url>`.
 * The associated data binds a ciphertext to where it is stored (environment,
 * merchant, column), so a value copied into another row or column fails.
 */
export type EncryptionKey = { id: string; key: Buffer };

export type TokenCipherErrorCode = "malformed" | "unknown-key" | "tampered";

export class TokenCipherError extends Error {
  constructor(
    readonly code: TokenCipherErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TokenCipherError";
  }
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly EncryptionKey[]) {
    if (keys.length === 0) throw new Error("TokenCipher needs at least one key");
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`Encryption key "${id}" must be 32 bytes`);
    }
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  /** The key that encrypts: the first of the keyring. */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  get knownKeyIds(): string[] {
    return [...this.byId.keys()];
  }

  encrypt(plaintext: string, associatedData: string): string {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.byId.get(keyId)!, iv);
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, keyId, iv.toString("base64url"), body.toString("base64url")].join(".");
  }

  decrypt(envelope: string, associatedData: string): string {
    const { keyId, iv, body } = parseEnvelope(envelope);
    const key = this.byId.get(keyId);
    if (!key) {
      throw new TokenCipherError(
        "unknown-key",
        `Encrypted with key "${keyId}", which is not in TOKEN_ENCRYPTION_KEYS (known: ${this.knownKeyIds.join(", ")})`,
      );
    }
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new TokenCipherError(
        "tampered",
        `Ciphertext failed authentication with key "${keyId}": it was altered, moved from another record, or the key is wrong`,
      );
    }
  }

  /** Whether a stored value should be re-encrypted with the current key. */
  needsRotation(envelope: string): boolean {
    return parseEnvelope(envelope).keyId !== this.currentKeyId;
  }
}

export function keyIdOf(envelope: string): string {
  return parseEnvelope(envelope).keyId;
}

function parseEnvelope(envelope: string): { keyId: string; iv: Buffer; body: Buffer } {
  const parts = envelope.split(".");
  const [version, keyId, ivPart, bodyPart] = parts;
  if (parts.length !== 4 || version !== VERSION || !keyId || !ivPart || !bodyPart) {
    throw new TokenCipherError("malformed", "Not a v1 token envelope");
  }
  const iv = Buffer.from(ivPart, "base64url");
  const body = Buffer.from(bodyPart, "base64url");
  if (iv.length !== IV_BYTES || body.length <= TAG_BYTES) {
    throw new TokenCipherError("malformed", "Token envelope has a wrong IV or body length");
  }
  return { keyId, iv, body };
}
