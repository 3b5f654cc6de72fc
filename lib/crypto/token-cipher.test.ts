import { randomBytes } from "node:crypto";

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
    expectCipherError(() => cipher.decrypt("plaintext-token", aad), "malformed");
    expectCipherError(() => cipher.decrypt("v2.k2026.aaaa.bbbb", aad), "malformed");
    expectCipherError(() => cipher.decrypt("v1.k2026.AAAA.BBBB", aad), "malformed");
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
});
