import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";

import type { readStoredSets } from "./read-stored-sets";
import { withConsoleDatabase } from "./testing/console-database-suite";
import { storeMerchant } from "./testing/stored-merchant";

let db: Database;
let read: typeof readStoredSets;

withConsoleDatabase(async (client) => {
  db = client;
  ({ readStoredSets: read } = await import("./read-stored-sets"));
});

const linked = (name: string, subject: string | null) =>
  storeMerchant(db, name, {
    merchant: { subject, issuer: subject && "https://op", mobilePayId: subject && `mp-${name}` },
    tokenSet: {
      accessTokenCiphertext: `v1.k.iv.access-${name}`,
      refreshTokenCiphertext: `v1.k.iv.refresh-${name}`,
      accessTokenExpiresAt: new Date("2026-11-26T10:00:00.123Z"),
      accessTokenIssuedAt: new Date("2026-11-26T09:55:00.123Z"),
      version: 7,
    },
  });

describe(`reading token sets for a refresh on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("reads what Prisma reads, ciphertexts included, with the merchant's identity", async () => {
    const first = await linked("First Read ApS", "user-1");
    const second = await linked("Second Read ApS", null);
    const sets = await read(db, [first, second, "no-such-merchant"]);
    expect(sets.map((set) => set.merchantId).sort()).toEqual([first, second].sort());

    const viaPrisma = await db.merchantTokenSet.findUniqueOrThrow({
      where: { merchantId: first },
      omit: { accessTokenCiphertext: false, refreshTokenCiphertext: false, idTokenCiphertext: false },
    });
    const [firstMerchant, secondMerchant] = await Promise.all(
      [first, second].map((id) =>
        db.merchant.findUniqueOrThrow({ where: { id }, select: { unlinkedAt: true, products: true, updatedAt: true } }),
      ),
    );
    const firstSet = sets.find((set) => set.merchantId === first);
    expect(firstSet).toEqual({
      ...viaPrisma,
      merchant: {
        environment: "sandbox",
        subject: "user-1",
        issuer: "https://op",
        name: "First Read ApS",
        mobilePayId: "mp-First Read ApS",
        vatNumber: "DK10000000",
        ...firstMerchant,
      },
    });
    expect(firstSet?.merchant.updatedAt).toBeInstanceOf(Date);
    expect(firstSet?.accessTokenExpiresAt).toBeInstanceOf(Date);
    expect(sets.find((set) => set.merchantId === second)?.merchant).toEqual({
      environment: "sandbox",
      subject: null,
      issuer: null,
      name: "Second Read ApS",
      mobilePayId: null,
      vatNumber: "DK10000000",
      ...secondMerchant,
    });
  });

  it("reads nothing for no merchants", async () => {
    expect(await read(db, [])).toEqual([]);
  });
});
