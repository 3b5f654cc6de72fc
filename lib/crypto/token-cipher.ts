import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from "node:crypto";

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
// Asking the CSPRNG for 12 bytes costs about as much as encrypting a kilobyte, almost all of it per call.
const IVS_PER_DRAW = 256;

type Envelope = { keyId: string; ivText: string; bodyText: string };

export class TokenCipher {
  private readonly byId: Map<string, KeyObject>;
  private readonly currentKey: KeyObject;
  private readonly prefix: string;
  private ivs = Buffer.alloc(0);
  private ivOffset = 0;
  // createDecipheriv, setAAD, setAuthTag and update copy what they are given before returning, so one buffer
  // per purpose is reused instead of allocating (and collecting) a few per call.
  private associatedData = Buffer.allocUnsafe(256);
  // setAAD is about a microsecond faster with a view it was given before than with a new one (Node 20),
  // and associated data comes in a few lengths only (one per column and id length): one view per length.
  private associatedDataViews: Buffer[] = [];
  private body = Buffer.allocUnsafe(4096);
  private readonly iv = Buffer.allocUnsafe(IV_BYTES + 4);
  private readonly ivView = this.iv.subarray(0, IV_BYTES);
  private readonly tag = Buffer.allocUnsafe(TAG_BYTES);

  constructor(private readonly keys: readonly EncryptionKey[]) {
    if (keys.length === 0) throw new Error("TokenCipher needs at least one key");
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`Encryption key "${id}" must be 32 bytes`);
    }
    this.byId = new Map(keys.map(({ id, key }) => [id, createSecretKey(key)]));
    this.currentKey = this.byId.get(this.currentKeyId)!;
    this.prefix = `${VERSION}.${this.currentKeyId}.`;
  }

  /** The key that encrypts: the first of the keyring. */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  get knownKeyIds(): string[] {
    return [...this.byId.keys()];
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv("aes-256-gcm", this.currentKey, iv);
    cipher.setAAD(this.associatedDataBytes(associatedData));
    const ciphertext = cipher.update(plaintext, "utf8");
    const rest = cipher.final();
    const length = ciphertext.length + rest.length + TAG_BYTES;
    const body = this.bodyBuffer(length);
    ciphertext.copy(body, 0);
    rest.copy(body, ciphertext.length);
    cipher.getAuthTag().copy(body, length - TAG_BYTES);
    return `${this.prefix}${iv.toString("base64url")}.${body.toString("base64url", 0, length)}`;
  }

  decrypt(envelope: string, associatedData: string): string {
    const { keyId, ivText, bodyText } = splitEnvelope(envelope);
    // Decoding skips characters outside the alphabet, so the decoded lengths are what tells a damaged field.
    // The IV buffer has room for more than 12 bytes so that an over-long field is seen, not truncated.
    const ivLength = this.iv.write(ivText, 0, "base64url");
    const body = this.bodyBuffer(Math.ceil((bodyText.length * 3) / 4));
    const bodyLength = body.write(bodyText, 0, "base64url");
    if (ivLength !== IV_BYTES || bodyLength <= TAG_BYTES) throw wrongLengths();
    const key = this.byId.get(keyId);
    if (!key) {
      throw new TokenCipherError(
        "unknown-key",
        `Encrypted with key "${keyId}", which is not in TOKEN_ENCRYPTION_KEYS (known: ${this.knownKeyIds.join(", ")})`,
      );
    }
    const decipher = createDecipheriv("aes-256-gcm", key, this.ivView);
    decipher.setAAD(this.associatedDataBytes(associatedData));
    body.copy(this.tag, 0, bodyLength - TAG_BYTES, bodyLength);
    decipher.setAuthTag(this.tag);
    let plaintext: Buffer;
    let rest: Buffer;
    try {
      plaintext = decipher.update(body.subarray(0, bodyLength - TAG_BYTES));
      rest = decipher.final();
    } catch {
      throw new TokenCipherError(
        "tampered",
        `Ciphertext failed authentication with key "${keyId}": it was altered, moved from another record, or the key is wrong`,
      );
    }
    return (rest.length === 0 ? plaintext : Buffer.concat([plaintext, rest])).toString("utf8");
  }

  /** Whether a stored value should be re-encrypted with the current key. */
  needsRotation(envelope: string): boolean {
    return keyIdOf(envelope) !== this.currentKeyId;
  }

  /** A fresh random IV, never handed out twice: a view into a batch drawn from the CSPRNG at once. */
  private nextIv(): Buffer {
    if (this.ivOffset === this.ivs.length) {
      this.ivs = randomBytes(IV_BYTES * IVS_PER_DRAW);
      this.ivOffset = 0;
    }
    const iv = this.ivs.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  private associatedDataBytes(associatedData: string): Buffer {
    if (associatedData.length * 3 > this.associatedData.length) {
      this.associatedData = Buffer.allocUnsafe(associatedData.length * 3);
      this.associatedDataViews = [];
    }
    const length = this.associatedData.write(associatedData, 0, "utf8");
    return (this.associatedDataViews[length] ??= this.associatedData.subarray(0, length));
  }

  private bodyBuffer(minimumLength: number): Buffer {
    if (minimumLength > this.body.length) this.body = Buffer.allocUnsafe(minimumLength * 2);
    return this.body;
  }
}

export function keyIdOf(envelope: string): string {
  const { keyId, ivText, bodyText } = splitEnvelope(envelope);
  const body = Buffer.from(bodyText, "base64url");
  if (Buffer.from(ivText, "base64url").length !== IV_BYTES || body.length <= TAG_BYTES) throw wrongLengths();
  return keyId;
}

/** The four dot-separated fields, each non-empty; lengths are checked by whoever decodes them. */
function splitEnvelope(envelope: string): Envelope {
  const afterVersion = envelope.indexOf(".");
  const afterKeyId = envelope.indexOf(".", afterVersion + 1);
  const afterIv = envelope.indexOf(".", afterKeyId + 1);
  if (
    afterVersion !== VERSION.length ||
    !envelope.startsWith(VERSION) ||
    afterKeyId <= afterVersion + 1 ||
    afterIv <= afterKeyId + 1 ||
    afterIv === envelope.length - 1 ||
    envelope.includes(".", afterIv + 1)
  ) {
    throw new TokenCipherError("malformed", "Not a v1 token envelope");
  }
  return {
    keyId: envelope.slice(afterVersion + 1, afterKeyId),
    ivText: envelope.slice(afterKeyId + 1, afterIv),
    bodyText: envelope.slice(afterIv + 1),
  };
}

function wrongLengths(): TokenCipherError {
  return new TokenCipherError("malformed", "Token envelope has a wrong IV or body length");
}
