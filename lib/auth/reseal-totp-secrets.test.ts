import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { keyIdOf, TokenCipher } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/create-client";
import { startLifecycleHarness, type LifecycleHarness } from "@/lib/tokens/testing/lifecycle-harness";

import { newTotpSecret, totpCodeAt } from "./totp";

// The keyring after a rotation: a new key first (it encrypts), the old one after it (it still decrypts).
const OLD_KEY = { id: "old", key: randomBytes(32) };
const NEW_KEY = { id: "new", key: randomBytes(32) };

let harness: LifecycleHarness;
let db: Database;

beforeAll(async () => {
  harness = await startLifecycleHarness({
    extraEnv: () => ({
      TOKEN_ENCRYPTION_KEYS: `new:${NEW_KEY.key.toString("base64")},old:${OLD_KEY.key.toString("base64")}`,
    }),
  });
  db = (await import("@/lib/db/client")).getDb();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe(`re-encrypting TOTP secrets after a key rotation, on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("moves secrets sealed with the old key to the new one, and the authenticator app keeps working", async () => {
    const { resealTotpSecrets } = await import("./reseal-totp-secrets");
    const { verifySecondFactor } = await import("./verify-second-factor");
    const secret = newTotpSecret();
    const staff = await db.staffUser.create({
      data: {
        email: `reseal-${randomBytes(4).toString("hex")}@example.com`,
        name: "Rita",
        role: "admin",
        passwordHash: "-",
      },
    });
    // Sealed as it was before the rotation: by the old key alone, bound to this staff member and column.
    const sealedWithOldKey = new TokenCipher([OLD_KEY]).encrypt(secret, `staff|${staff.id}|totpSecret|v1`);
    await db.staffUser.update({
      where: { id: staff.id },
      data: { totpSecret: sealedWithOldKey, totpEnabledAt: new Date(), totpLastStep: null },
    });

    const first = await resealTotpSecrets();
    expect(first).toMatchObject({ resealed: 1, failed: [] });
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true } });
    expect(keyIdOf(row.totpSecret!)).toBe("new");
    expect(await verifySecondFactor(staff.id, totpCodeAt(secret, new Date()))).toBe("totp");

    const again = await resealTotpSecrets();
    expect(again).toMatchObject({ resealed: 0, failed: [] });
    expect(again.alreadyCurrent).toBeGreaterThanOrEqual(1);
  });

  it("reports a secret no key of the keyring opens, and leaves it as it is", async () => {
    const { resealTotpSecrets } = await import("./reseal-totp-secrets");
    const staff = await db.staffUser.create({
      data: {
        email: `lost-${randomBytes(4).toString("hex")}@example.com`,
        name: "Lars",
        role: "admin",
        passwordHash: "-",
      },
    });
    const foreign = new TokenCipher([{ id: "gone", key: randomBytes(32) }]).encrypt("JBSWY3DPEHPK3PXP", "x");
    await db.staffUser.update({ where: { id: staff.id }, data: { totpSecret: foreign, totpEnabledAt: new Date() } });
    const result = await resealTotpSecrets();
    expect(result.failed).toContainEqual(expect.objectContaining({ id: staff.id }));
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true } });
    expect(row.totpSecret).toBe(foreign);
  });
});
