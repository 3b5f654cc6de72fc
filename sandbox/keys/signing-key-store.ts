import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { z } from "zod";

const ZPrivateRsaJwkSchema = z
  .object({
    kty: z.literal("RSA"),
    kid: z.string().min(1),
    n: z.string(),
    e: z.string(),
    d: z.string(),
    p: z.string(),
    q: z.string(),
    dp: z.string(),
    dq: z.string(),
    qi: z.string(),
  })
  .loose();
export type TPrivateRsaJwk = z.infer<typeof ZPrivateRsaJwkSchema>;

const ZStoredKeySchema = z.object({
  jwk: ZPrivateRsaJwkSchema,
  createdAt: z.number().int(),
  /** Set when a newer key took over signing; the key stays published while its tokens can live. */
  retiredAt: z.number().int().nullable(),
});
type TStoredKey = z.infer<typeof ZStoredKeySchema>;

const ZKeyFileSchema = z.object({ keys: z.array(ZStoredKeySchema) });

export const SIGNING_KEYS_FILE_NAME = "signing-keys.json";

export interface SigningKeySummary {
  kid: string;
  createdAt: number;
  retiredAt: number | null;
  active: boolean;
}

export interface PublicRsaJwk {
  kty: "RSA";
  kid: string;
  n: string;
  e: string;
  alg: "RS256";
  use: "sig";
}

/** MobilePay's kids are 40 hex characters (an X.509 SHA-1 thumbprint); ours are shaped the same way. */
function kidFor(publicKey: KeyObject): string {
  return createHash("sha1")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .toUpperCase();
}

export function generateRsaSigningJwk(): TPrivateRsaJwk {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  return ZPrivateRsaJwkSchema.parse({ ...jwk, kid: kidFor(publicKey) });
}

export function toPublicJwk(jwk: TPrivateRsaJwk): PublicRsaJwk {
  return { kty: "RSA", kid: jwk.kid, n: jwk.n, e: jwk.e, alg: "RS256", use: "sig" };
}

export function privateKeyObject(jwk: TPrivateRsaJwk): KeyObject {
  return createPrivateKey({ key: jwk, format: "jwk" });
}

/**
 * RSA signing keys persisted as JSON in the data directory. The newest key signs; a retired key is
 * kept published until every token it signed has expired, then dropped at the next load or rotation.
 */
export class SigningKeyStore {
  private keys: TStoredKey[] = [];

  private constructor(
    private readonly file: string,
    private readonly maxTokenLifetimeSeconds: number,
  ) {}

  static async open(dataDir: string, maxTokenLifetimeSeconds: number): Promise<SigningKeyStore> {
    const store = new SigningKeyStore(path.join(dataDir, SIGNING_KEYS_FILE_NAME), maxTokenLifetimeSeconds);
    await store.load();
    return store;
  }

  get activeKey(): TPrivateRsaJwk {
    const active = this.keys.find((key) => key.retiredAt === null);
    if (!active) throw new Error("The signing key store has no active key");
    return active.jwk;
  }

  /** Active key first: oidc-provider signs with the first key matching the algorithm. */
  get publishedPrivateKeys(): TPrivateRsaJwk[] {
    return [...this.keys]
      .sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null))
      .map((key) => key.jwk);
  }

  get publishedPublicKeys(): PublicRsaJwk[] {
    return this.publishedPrivateKeys.map(toPublicJwk);
  }

  summaries(): SigningKeySummary[] {
    return this.keys.map((key) => ({
      kid: key.jwk.kid,
      createdAt: key.createdAt,
      retiredAt: key.retiredAt,
      active: key.retiredAt === null,
    }));
  }

  async rotate(now: number = Date.now()): Promise<{ previousKid: string; activeKid: string }> {
    const previousKid = this.activeKey.kid;
    const nowSeconds = Math.floor(now / 1000);
    for (const key of this.keys) {
      if (key.retiredAt === null) key.retiredAt = nowSeconds;
    }
    this.keys.push({ jwk: generateRsaSigningJwk(), createdAt: nowSeconds, retiredAt: null });
    this.dropExpiredKeys(nowSeconds);
    await this.save();
    return { previousKid, activeKid: this.activeKey.kid };
  }

  private async load(): Promise<void> {
    try {
      this.keys = ZKeyFileSchema.parse(JSON.parse(await readFile(this.file, "utf8"))).keys;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      this.keys = [];
    }
    const nowSeconds = Math.floor(Date.now() / 1000);
    const before = this.keys.length;
    this.dropExpiredKeys(nowSeconds);
    if (!this.keys.some((key) => key.retiredAt === null)) {
      this.keys.push({ jwk: generateRsaSigningJwk(), createdAt: nowSeconds, retiredAt: null });
    }
    if (this.keys.length !== before || before === 0) await this.save();
  }

  private dropExpiredKeys(nowSeconds: number): void {
    this.keys = this.keys.filter(
      (key) => key.retiredAt === null || key.retiredAt + this.maxTokenLifetimeSeconds > nowSeconds,
    );
  }

  private async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, JSON.stringify({ keys: this.keys }, null, 2), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}

export function publicKeyObject(jwk: TPrivateRsaJwk): KeyObject {
  return createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" });
}
