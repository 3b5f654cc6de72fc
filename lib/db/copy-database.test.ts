import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/throwaway-postgres";
import { TokenCipher } from "../crypto/token-cipher";
import { tokenAssociatedData } from "../tokens/token-cipher-instance";

import { copyDatabase } from "./copy-database";
import { createPrismaClient, type Database } from "./create-client";

const migrate = (url: string) =>
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });

describe.runIf(process.env.TEST_DATABASE === "postgresql")("moving a SQLite install to PostgreSQL", () => {
  let directory: string;
  let postgres: ThrowawayPostgres;
  let source: Database;
  let target: Database;
  const cipher = new TokenCipher([{ id: "k1", key: randomBytes(32) }]);

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "console-copy-"));
    postgres = await startThrowawayPostgres();
    const sqliteUrl = `file:${path.join(directory, "console.db")}`;
    migrate(sqliteUrl);
    migrate(postgres.url);
    source = createPrismaClient(sqliteUrl);
    target = createPrismaClient(postgres.url);
  }, 120_000);

  afterAll(async () => {
    await source?.$disconnect();
    await target?.$disconnect();
    postgres?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("keeps merchants, encrypted token sets and audit history, and the tokens still decrypt", async () => {
    await source.staffUser.create({ data: { email: "a@example.com", name: "A", role: "admin", passwordHash: "hash" } });
    const merchant = await source.merchant.create({
      data: {
        environment: "sandbox",
        vatNumber: "DK12345678",
        name: "Moved ApS",
        products: "invoice",
        mobilePayId: "m-1",
      },
    });
    await source.merchantTokenSet.create({
      data: {
        merchantId: merchant.id,
        accessTokenCiphertext: cipher.encrypt("access-1", tokenAssociatedData("sandbox", merchant.id, "accessToken")),
        refreshTokenCiphertext: cipher.encrypt(
          "refresh-1",
          tokenAssociatedData("sandbox", merchant.id, "refreshToken"),
        ),
        keyId: "k1",
        accessTokenExpiresAt: new Date(),
        accessTokenIssuedAt: new Date(),
        grantedScopes: "invoice",
        refreshTokenFingerprint: "fp",
      },
    });
    for (let index = 0; index < 25; index += 1) {
      await source.auditEvent.create({
        data: { actorType: "system", actorLabel: "test", action: `event.${index}`, merchantId: merchant.id },
      });
    }

    // The tally of purged webhook attempts moves too, so the attempts counter does not fall after a move.
    await source.webhookPurgedAttempts.create({ data: { outcome: "delivered", count: 7 } });

    const report = await copyDatabase(source, target, 10);
    expect(report).toMatchObject({ staffUser: 1, merchant: 1, merchantTokenSet: 1, auditEvent: 25 });
    expect((await target.webhookPurgedAttempts.findMany()).map((row) => [row.outcome, Number(row.count)])).toEqual([
      ["delivered", 7],
    ]);

    const moved = await target.merchantTokenSet.findUniqueOrThrow({
      where: { merchantId: merchant.id },
      omit: { refreshTokenCiphertext: false },
    });
    expect(
      cipher.decrypt(moved.refreshTokenCiphertext, tokenAssociatedData("sandbox", merchant.id, "refreshToken")),
    ).toBe("refresh-1");
    const staff = await target.staffUser.findFirstOrThrow({ omit: { passwordHash: false } });
    expect(staff.passwordHash).toBe("hash");
    await expect(copyDatabase(source, target)).rejects.toThrow(/not empty/);
  });
});
