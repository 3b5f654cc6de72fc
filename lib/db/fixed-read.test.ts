import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";
import { storeMerchant } from "@/lib/tokens/testing/stored-merchant";

import type { fixedRead } from "./fixed-read";

let db: Database;
let read: typeof fixedRead;

withConsoleDatabase(async (client) => {
  db = client;
  ({ fixedRead: read } = await import("./fixed-read"));
});

const HANDOUTS = `SELECT "id", "apiKeyId", "merchantId", "handedOutAt", "refreshed" FROM "TokenHandout"
  WHERE "merchantId" = $1 ORDER BY "id"`;

describe(`fixed reads on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("types every column as Prisma's raw query does: dates, booleans, numbers, nulls", async () => {
    const merchantId = await storeMerchant(db, "Fixed Read ApS", { tokenSet: { version: 3 } });
    await db.tokenHandout.createMany({
      data: [
        {
          id: `${merchantId}-1`,
          apiKeyId: "key-1",
          merchantId,
          handedOutAt: new Date("2026-12-01T10:00:00.123Z"),
          refreshed: true,
        },
        {
          id: `${merchantId}-2`,
          apiKeyId: "key-2",
          merchantId,
          handedOutAt: new Date("2026-12-01T11:00:00Z"),
          refreshed: false,
        },
      ],
    });
    const sql = (text: string) => (process.env.TEST_DATABASE === "postgresql" ? text : text.replaceAll("$1", "?"));
    const fixed = await read(db, sql(HANDOUTS), merchantId);
    expect(fixed).toEqual(await db.$queryRawUnsafe(sql(HANDOUTS), merchantId));
    expect(fixed.map((row) => (row as { refreshed: unknown }).refreshed)).toEqual([true, false]);
    expect((fixed[0] as { handedOutAt: Date }).handedOutAt.toISOString()).toBe("2026-12-01T10:00:00.123Z");

    const tokenSetSql = sql(
      `SELECT "version", "leaseUntil", "accessTokenExpiresAt" FROM "MerchantTokenSet" WHERE "merchantId" = $1`,
    );
    expect(await read(db, tokenSetSql, merchantId)).toEqual(await db.$queryRawUnsafe(tokenSetSql, merchantId));
  });

  it("reads only what is committed: a read while a transaction is open waits for its end", async () => {
    if (process.env.TEST_DATABASE === "postgresql") return; // PostgreSQL's own isolation; nothing of ours to test
    const merchantId = await storeMerchant(db, "Waiting Read ApS");
    const count = `SELECT COUNT(*) AS "n" FROM "TokenHandout" WHERE "merchantId" = ?`;
    let releaseTransaction = () => {};
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let inserted = () => {};
    const insertDone = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db.$transaction(async (tx) => {
      await tx.tokenHandout.create({
        data: { id: `${merchantId}-w`, apiKeyId: "key-w", merchantId, handedOutAt: new Date(), refreshed: false },
      });
      inserted();
      await held;
    });
    await insertDone;
    let answered = false;
    const reading = read<{ n: number }>(db, count, merchantId).then((rows) => {
      answered = true;
      return rows;
    });
    // Give the read every chance to run early: it must still be waiting while the transaction is open.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    releaseTransaction();
    await transaction;
    expect(await reading).toEqual([{ n: 1 }]);
  });
});
