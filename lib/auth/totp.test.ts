import { describe, expect, it } from "vitest";

import { acceptedTotpStep, newTotpSecret, totpCodeAt, totpStepEnd, totpUri } from "./totp";

const STEP_MS = 30_000;
// The RFC 6238 test secret ("12345678901234567890" as base32) and its SHA-1 value at 59 s.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP", () => {
  it("computes the codes of RFC 6238's SHA-1 test vector", () => {
    expect(totpCodeAt(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(totpCodeAt(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
  });

  it("makes 160-bit secrets and an otpauth URI naming the console and the staff member", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(decodeURIComponent(uri.pathname)).toContain("ada@example.com");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("MobilePay Link Console");
  });

  it("accepts the code of now and of one step either side, and nothing further", () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const step = Math.floor(now.getTime() / STEP_MS);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now), now, null)).toBe(step);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - STEP_MS)), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() + STEP_MS)), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() + 3 * STEP_MS)), now, null)).toBeNull();
  });

  it("accepts a code once: not again, and no older one, once a step was used", () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const step = acceptedTotpStep(secret, totpCodeAt(secret, now), now, null);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now), now, step)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() - STEP_MS)), now, step)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, new Date(now.getTime() + STEP_MS)), now, step)).toBe(step! + 1);
  });

  it("ends a step where the next one's codes begin", () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const step = acceptedTotpStep(secret, totpCodeAt(secret, now), now, null)!;
    const end = totpStepEnd(step);
    expect(end.getTime() % STEP_MS).toBe(0);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, end), end, null)).toBe(step + 1);
    const lastMoment = new Date(end.getTime() - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, lastMoment), lastMoment, null)).toBe(step);
  });

  it("refuses what is not six digits, and takes spaces as typed", () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const code = totpCodeAt(secret, now);
    expect(acceptedTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).not.toBeNull();
    expect(acceptedTotpStep(secret, code.slice(1), now, null)).toBeNull();
    expect(acceptedTotpStep(secret, "abcdef", now, null)).toBeNull();
  });
});
