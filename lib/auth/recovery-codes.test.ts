import { describe, expect, it } from "vitest";

import { looksLikeRecoveryCode, newRecoveryCodes, recoveryCodeHash } from "./recovery-codes";

describe("recovery codes", () => {
  it("are ten distinct codes of four groups of five unambiguous characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  });

  it("hash the same however they are typed, and differently from each other", () => {
    const [code, other] = newRecoveryCodes(2) as [string, string];
    expect(recoveryCodeHash(code.toLowerCase().replaceAll("-", " "))).toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(other)).not.toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(code)).not.toContain(code.replaceAll("-", ""));
  });

  it("are told apart from six-digit app codes", () => {
    const [code] = newRecoveryCodes(1) as [string];
    expect(looksLikeRecoveryCode(code)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
