import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { insertStatement } from "@/lib/db/row-statements";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { fixedWrite } from "./fixed-write";

let db: Database;
let write: typeof fixedWrite;

withConsoleDatabase(async (client) => {
  db = client;
  ({ fixedWrite: write } = await import("./fixed-write"));
});

const onSqlite = process.env.TEST_DATABASE !== "postgresql";

describe(`fixed writes on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("stores dates and booleans as Prisma's own writes store them", async () => {
    const merchantId = await storeMerchant(db, "Fixed Write ApS");
    const handedOutAt = new Date("2026-12-01T10:00:00.123Z");
    await db.tokenHandout.create({
      data: { id: `${merchantId}-prisma`, apiKeyId: "key-1", merchantId, handedOutAt, refreshed: true },
    });
    await write(db, [
      insertStatement("TokenHandout", [
        { id: `${merchantId}-fixed`, apiKeyId: "key-1", merchantId, handedOutAt, refreshed: true },
      ]),
    ]);
    const rows = await db.tokenHandout.findMany({ where: { merchantId }, orderBy: { id: "asc" } });
    expect(rows.map(({ id, ...row }) => ({ ...row, fixed: id.endsWith("fixed") }))).toEqual([
      { apiKeyId: "key-1", merchantId, handedOutAt, refreshed: true, fixed: true },
      { apiKeyId: "key-1", merchantId, handedOutAt, refreshed: true, fixed: false },
    ]);
    if (onSqlite) {
      // The stored text itself, so that ordering and comparisons in SQL treat both rows alike.
      const stored = await db.$queryRawUnsafe<{ value: string; kind: string }[]>(
        `SELECT CAST("handedOutAt" AS TEXT) AS "value", typeof("handedOutAt") AS "kind" FROM "TokenHandout"
         WHERE "merchantId" = ? ORDER BY "id"`,
        merchantId,
      );
      expect(stored[0]).toEqual(stored[1]);
    }
  });

  it("writes all of its statements or none", async () => {
    const merchantId = await storeMerchant(db, "All Or Nothing ApS");
    const row = { id: `${merchantId}-once`, apiKeyId: "key-1", merchantId, handedOutAt: new Date(), refreshed: false };
    await write(db, [insertStatement("TokenHandout", [row])]);
    const second = { ...row, id: `${merchantId}-twice` };
    // The second insert repeats the first row's id and fails: the first must not stay behind.
    await expect(
      write(db, [insertStatement("TokenHandout", [second]), insertStatement("TokenHandout", [row])]),
    ).rejects.toThrow();
    expect(await db.tokenHandout.count({ where: { merchantId } })).toBe(1);
  });

  it("waits for an open transaction to end before it writes", async () => {
    if (!onSqlite) return; // PostgreSQL's own transactions; nothing of ours to test
    const merchantId = await storeMerchant(db, "Waiting Write ApS");
    let releaseTransaction = () => {};
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let started = () => {};
    const transactionStarted = new Promise<void>((resolve) => (started = resolve));
    const transaction = db.$transaction(async (tx) => {
      await tx.tokenHandout.create({
        data: { id: `${merchantId}-tx`, apiKeyId: "key-t", merchantId, handedOutAt: new Date(), refreshed: false },
      });
      started();
      await held;
      // Had the fixed write run inside this transaction, its row would be visible here.
      return tx.tokenHandout.count({ where: { merchantId } });
    });
    await transactionStarted;
    let written = false;
    const writing = write(db, [
      insertStatement("TokenHandout", [
        { id: `${merchantId}-w`, apiKeyId: "key-w", merchantId, handedOutAt: new Date(), refreshed: false },
      ]),
    ]).then(() => void (written = true));
    // Give the write every chance to run early: it must still be waiting while the transaction is open.
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe(false);
    releaseTransaction();
    expect(await transaction).toBe(1);
    await writing;
    expect(await db.tokenHandout.count({ where: { merchantId } })).toBe(2);
  });
});
