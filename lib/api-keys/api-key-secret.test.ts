import { describe, expect, it } from "vitest";

import { hashApiKeySecret, lastFourOf, looksLikeApiKeySecret, newApiKeySecret } from "./api-key-secret";

describe("API key secrets", () => {
  it("carry the fixed prefix and the environment marker, and are recognisable by their shape", () => {
    const live = newApiKeySecret("live");
    const test = newApiKeySecret("test");
    expect(live).toMatch(/^mplc_live_[0-9A-Za-z]{40}$/);
    expect(test).toMatch(/^mplc_test_[0-9A-Za-z]{40}$/);
    expect(looksLikeApiKeySecret(live)).toBe(true);
    expect(looksLikeApiKeySecret(`${live}x`)).toBe(false);
    expect(looksLikeApiKeySecret("mplc_prod_" + live.slice(10))).toBe(false);
    expect(looksLikeApiKeySecret("sk_live_abc")).toBe(false);
  });

  it("never repeat, and hash to a fixed-length digest that does not contain them", () => {
    const secrets = new Set(Array.from({ length: 200 }, () => newApiKeySecret("test")));
    expect(secrets.size).toBe(200);
    const [secret] = [...secrets] as [string];
    expect(hashApiKeySecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKeySecret(secret)).toBe(hashApiKeySecret(secret));
    expect(hashApiKeySecret(secret)).not.toContain(secret.slice(10));
    expect(lastFourOf(secret)).toBe(secret.slice(-4));
  });

  it("use every letter of the alphabet with roughly even frequency (no modulo bias toward the first letters)", () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 2_000; index += 1) {
      for (const letter of newApiKeySecret("test").slice(10)) counts.set(letter, (counts.get(letter) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    const expected = (2_000 * 40) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });
});
