import { createDecipheriv, randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { fingerprint } from "./fingerprint";
import { keyIdOf, TokenCipher, TokenCipherError } from "./token-cipher";

const oldKey = { id: "k2025", key: randomBytes(32) };
const newKey = { id: "k2026", key: randomBytes(32) };
const aad = "sandbox|merchant-1|refreshToken|v1";

function expectCipherError(run: () => unknown, code: TokenCipherError["code"]) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenCipherError);
    expect((error as TokenCipherError).code).toBe(code);
    return;
  }
  throw new Error("expected a TokenCipherError");
}

describe("TokenCipher", () => {
  it("round-trips and never repeats an IV", () => {
    const cipher = new TokenCipher([newKey]);
    const first = cipher.encrypt("refresh-token-value", aad);
    const second = cipher.encrypt("refresh-token-value", aad);
    expect(first).not.toBe(second);
    expect(first).not.toContain("refresh-token-value");
    expect(first.startsWith("v1.k2026.")).toBe(true);
    expect(cipher.decrypt(first, aad)).toBe("refresh-token-value");
    expect(cipher.decrypt(second, aad)).toBe("refresh-token-value");
  });

  it("detects a flipped ciphertext bit", () => {
    const cipher = new TokenCipher([newKey]);
    const envelope = cipher.encrypt("secret", aad);
    const parts = envelope.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expectCipherError(() => cipher.decrypt(parts.join("."), aad), "tampered");
  });

  it("refuses a ciphertext moved to another record or column", () => {
    const cipher = new TokenCipher([newKey]);
    const envelope = cipher.encrypt("secret", aad);
    expectCipherError(() => cipher.decrypt(envelope, "sandbox|merchant-2|refreshToken|v1"), "tampered");
    expectCipherError(() => cipher.decrypt(envelope, "sandbox|merchant-1|accessToken|v1"), "tampered");
  });

  it("gives a clear error for a wrong key under a known id", () => {
    const envelope = new TokenCipher([newKey]).encrypt("secret", aad);
    const impostor = new TokenCipher([{ id: newKey.id, key: randomBytes(32) }]);
    expectCipherError(() => impostor.decrypt(envelope, aad), "tampered");
  });

  it("names the missing key when the key id is unknown", () => {
    const envelope = new TokenCipher([newKey]).encrypt("secret", aad);
    const cipher = new TokenCipher([oldKey]);
    expect(() => cipher.decrypt(envelope, aad)).toThrow(/key "k2026".*known: k2025/);
  });

  it("rejects malformed envelopes", () => {
    const cipher = new TokenCipher([newKey]);
    const [, , iv, body] = cipher.encrypt("secret", aad).split(".");
    expectCipherError(() => cipher.decrypt("plaintext-token", aad), "malformed");
    expectCipherError(() => cipher.decrypt("v2.k2026.aaaa.bbbb", aad), "malformed");
    expectCipherError(() => cipher.decrypt("v1.k2026.AAAA.BBBB", aad), "malformed");
    for (const envelope of [
      `v1..${iv}.${body}`,
      `v1.k2026..${body}`,
      `v1.k2026.${iv}.`,
      `v1.k2026.${iv}.${body}.`,
      `v1.k2026.${iv}.${body}.extra`,
      `v10.k2026.${iv}.${body}`,
      `.v1.k2026.${iv}.${body}`,
      `v1.k2026.${iv}AAAA.${body}`,
      `v1.k2026.${iv!.slice(4)}.${body}`,
      `v1.k2026.${iv}.${body!.slice(0, 20)}`,
    ]) {
      expectCipherError(() => cipher.decrypt(envelope, aad), "malformed");
      expectCipherError(() => keyIdOf(envelope), "malformed");
    }
  });

  it("checks the envelope's shape before looking up its key", () => {
    const cipher = new TokenCipher([oldKey]);
    expectCipherError(() => cipher.decrypt("v1.k2026.AAAA.BBBB", aad), "malformed");
  });

  it("keeps decrypting envelopes written by earlier releases", () => {
    // Written with a fixed key and IV by the first v1 implementation; stored values look exactly like this.
    const stored = "v1.k2025.oKGio6Slpqeoqaqr.lH0aXyC4apIWCuy2aVe2HdTePXW44RT9JFLxG8CA24fYxfrQ";
    const key = Buffer.from("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "base64");
    const cipher = new TokenCipher([
      { id: "k2026", key: randomBytes(32) },
      { id: "k2025", key },
    ]);
    expect(cipher.decrypt(stored, aad)).toBe("refresh-token-värde");
    expect(keyIdOf(stored)).toBe("k2025");
    expect(cipher.needsRotation(stored)).toBe(true);
    expectCipherError(() => cipher.decrypt(stored, "sandbox|merchant-1|accessToken|v1"), "tampered");
  });

  it("writes plain v1 envelopes that bare AES-256-GCM opens", () => {
    const cipher = new TokenCipher([newKey]);
    const [version, keyId, ivText, bodyText] = cipher.encrypt("refresh-token-värde", aad).split(".");
    expect([version, keyId]).toEqual(["v1", "k2026"]);
    expect(ivText).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(bodyText).toMatch(/^[A-Za-z0-9_-]+$/);
    const body = Buffer.from(bodyText!, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", newKey.key, Buffer.from(ivText!, "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plaintext = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    expect(plaintext.toString("utf8")).toBe("refresh-token-värde");
  });

  it("draws a new IV for every encryption, across many batches of them", () => {
    const cipher = new TokenCipher([newKey]);
    const ivs = new Set<string>();
    for (let index = 0; index < 2000; index += 1) ivs.add(cipher.encrypt("secret", aad).split(".")[2]!);
    expect(ivs.size).toBe(2000);
  });

  it("round-trips values of any size and script, in any order", () => {
    const cipher = new TokenCipher([newKey]);
    const wideAad = `sandbox|mérchant-${"ø".repeat(300)}|idToken|v1`;
    const values = ["x", "token-ÆØÅ-🙂", randomBytes(30_000).toString("base64url"), "short again"];
    const envelopes = values.map((value) => cipher.encrypt(value, wideAad));
    expect(envelopes.map((envelope) => cipher.decrypt(envelope, wideAad)).reverse()).toEqual([...values].reverse());
    expectCipherError(() => cipher.decrypt(envelopes[1]!, wideAad.replace("ø", "o")), "tampered");
    const short = cipher.encrypt("after a wide one", aad);
    expect(cipher.decrypt(short, aad)).toBe("after a wide one");
    expectCipherError(() => cipher.decrypt(short, aad.replace("1", "2")), "tampered");
  });

  it("decrypts with old keys, encrypts with the first, and reports what needs rotation", () => {
    const before = new TokenCipher([oldKey]).encrypt("secret", aad);
    const rotated = new TokenCipher([newKey, oldKey]);
    expect(rotated.decrypt(before, aad)).toBe("secret");
    expect(rotated.needsRotation(before)).toBe(true);
    const after = rotated.encrypt(rotated.decrypt(before, aad), aad);
    expect(keyIdOf(after)).toBe("k2026");
    expect(rotated.needsRotation(after)).toBe(false);
  });
});

describe("fingerprint", () => {
  it("is short, stable and does not contain the secret", () => {
    expect(fingerprint("abc")).toHaveLength(12);
    expect(fingerprint("abc")).toBe(fingerprint("abc"));
    expect(fingerprint("abc")).not.toBe(fingerprint("abd"));
  });

  it("stays the first 12 hex digits of SHA-256, as stored in lineage rows", () => {
    expect(fingerprint("abc")).toBe("ba7816bf8f01");
  });
});
