import { describe, expect, it } from "vitest";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type * as FixedStatements from "./fixed-statements";

let db: Database;
let fixed: typeof FixedStatements;

withConsoleDatabase(async (client) => {
  db = client;
  fixed = await import("./fixed-statements");
});

const database = process.env.TEST_DATABASE ?? "sqlite";

async function handout(merchantId: string, suffix: string, handedOutAt: Date, tx = fixed.fixedStatements(db)) {
  const markers = [1, 2, 3, 4, 5].map(bindMarker).join(", ");
  return tx.$executeRawUnsafe(
    `INSERT INTO "TokenHandout" ("id", "apiKeyId", "merchantId", "handedOutAt", "refreshed") VALUES (${markers})`,
    `${merchantId}-${suffix}`,
    "key-1",
    merchantId,
    handedOutAt,
    true,
  );
}

describe(`fixed statements on ${database}`, () => {
  it("reads rows typed as Prisma's raw queries type them, counts included", async () => {
    const merchantId = await storeMerchant(db, "Fixed Statements ApS", { tokenSet: { version: 4 } });
    await handout(merchantId, "a", new Date("2026-12-01T10:00:00.123Z"));
    await handout(merchantId, "b", new Date("2026-12-01T11:00:00Z"));
    const sql = `SELECT h."id", h."handedOutAt", h."refreshed", t."version", t."leaseUntil",
      (SELECT COUNT(*) FROM "TokenHandout" c WHERE c."merchantId" = h."merchantId") AS "handouts"
      FROM "TokenHandout" h JOIN "MerchantTokenSet" t ON t."merchantId" = h."merchantId"
      WHERE h."merchantId" = ${bindMarker(1)} ORDER BY h."id"`;
    const rows = await fixed.fixedStatements(db).$queryRawUnsafe<Record<string, unknown>[]>(sql, merchantId);
    expect(rows).toEqual(await db.$queryRawUnsafe(sql, merchantId));
    expect(rows.map((row) => (row.handedOutAt as Date).toISOString())).toEqual([
      "2026-12-01T10:00:00.123Z",
      "2026-12-01T11:00:00.000Z",
    ]);
    expect(rows[0]).toMatchObject({ refreshed: true, version: 4, leaseUntil: null });
  });

  it("writes dates as their UTC time whatever the machine's time zone", async () => {
    const merchantId = await storeMerchant(db, "Zoned Writer ApS");
    const zone = process.env.TZ;
    process.env.TZ = "America/St_Johns";
    try {
      expect(await handout(merchantId, "z", new Date("2026-06-01T12:30:00.456Z"))).toBe(1);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const stored = await db.tokenHandout.findUniqueOrThrow({ where: { id: `${merchantId}-z` } });
    expect(stored.handedOutAt.toISOString()).toBe("2026-06-01T12:30:00.456Z");
  });

  it("commits a transaction's statements together, and none of them when the work fails", async () => {
    const merchantId = await storeMerchant(db, "Transaction ApS");
    const at = new Date("2026-12-02T08:00:00Z");
    await fixed.fixedTransaction(db, async (tx) => {
      await handout(merchantId, "t1", at, tx);
      await handout(merchantId, "t2", at, tx);
    });
    await expect(
      fixed.fixedTransaction(db, async (tx) => {
        await handout(merchantId, "t3", at, tx);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    const ids = await db.tokenHandout.findMany({ where: { merchantId }, select: { id: true }, orderBy: { id: "asc" } });
    expect(ids.map((row) => row.id)).toEqual([`${merchantId}-t1`, `${merchantId}-t2`]);
  });

  it("writes outside any transaction Prisma holds open, after it, and returns what it wrote", async () => {
    if (database !== "sqlite") return; // PostgreSQL's pool connections have transactions of their own
    const merchantId = await storeMerchant(db, "Outside ApS", { tokenSet: { version: 2 } });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const transactionStarted = new Promise<void>((resolve) => (started = resolve));
    const transaction = db.$transaction(async (tx) => {
      await tx.merchantTokenSet.update({ where: { merchantId }, data: { version: 3 } });
      started();
      await held;
      // Had the statement below run inside this transaction, its lease would be visible here.
      return (await tx.merchantTokenSet.findUniqueOrThrow({ where: { merchantId } })).leaseOwner;
    });
    await transactionStarted;
    const leaseUntil = new Date("2026-12-05T10:00:00.250Z");
    const leasing = fixed.fixedStatements(db).$queryRawUnsafe<{ version: number; leaseUntil: Date }[]>(
      `UPDATE "MerchantTokenSet" SET "leaseOwner" = ${bindMarker(1)}, "leaseUntil" = ${bindMarker(2)}
        WHERE "merchantId" = ${bindMarker(3)} RETURNING "version", "leaseUntil"`,
      "owner-1",
      leaseUntil,
      merchantId,
    );
    release();
    expect(await transaction).toBeNull();
    expect(await leasing).toEqual([{ version: 3, leaseUntil }]);
  });
});
