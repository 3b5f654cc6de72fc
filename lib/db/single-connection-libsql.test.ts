import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PAGE_CACHE_KIB, singleConnectionClient } from "./single-connection-libsql";
import { sqliteFileClient } from "./sqlite-file-client";

describe("SQLite transactions on the client's one connection", () => {
  let directory: string;
  let client: Client;

  const count = async () => Number((await client.execute("SELECT COUNT(*) AS n FROM item")).rows[0]?.n);

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "console-connection-"));
    client = singleConnectionClient(sqliteFileClient(`file:${path.join(directory, "test.db")}`));
    await client.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  });

  afterAll(async () => {
    client.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("runs a transaction on the same connection as plain statements", async () => {
    // A temporary table exists only on the connection that created it.
    await client.execute("CREATE TEMP TABLE connection_marker (id INTEGER)");
    const transaction = await client.transaction("deferred");
    await expect(transaction.execute("SELECT COUNT(*) AS n FROM connection_marker")).resolves.toBeDefined();
    await transaction.commit();
    await client.execute("DROP TABLE connection_marker");
  });

  it("commits what a transaction wrote and rolls back what it undid", async () => {
    const committed = await client.transaction("write");
    await committed.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["kept"] });
    await committed.commit();
    expect(committed.closed).toBe(true);

    const rolledBack = await client.transaction("deferred");
    await rolledBack.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["undone"] });
    await rolledBack.rollback();
    expect(await count()).toBe(1);
  });

  it("leaves the connection usable after a statement fails inside a transaction", async () => {
    const transaction = await client.transaction("deferred");
    await expect(transaction.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["kept"] })).rejects.toThrow(
      /UNIQUE/,
    );
    await transaction.rollback();
    await expect(transaction.execute("SELECT 1")).rejects.toThrow(/closed/);

    const next = await client.transaction("deferred");
    await next.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["after failure"] });
    await next.commit();
    expect(await count()).toBe(2);
  });

  it("switches the file to write-ahead logging", async () => {
    const result = await client.execute("PRAGMA journal_mode");
    expect(String(Object.values(result.rows[0] ?? {})[0])).toBe("wal");
  });

  it("waits for another process's write instead of failing at once", async () => {
    const result = await client.execute("PRAGMA busy_timeout");
    expect(Number(Object.values(result.rows[0] ?? {})[0])).toBe(5000);
  });

  it("keeps a page cache large enough for a large integrator's merchants table", async () => {
    const result = await client.execute("PRAGMA cache_size");
    // A negative cache_size is a size in KiB rather than a count of pages.
    expect(Number(Object.values(result.rows[0] ?? {})[0])).toBe(-PAGE_CACHE_KIB);
    expect(PAGE_CACHE_KIB).toBeGreaterThanOrEqual(16 * 1024);
  });

  it("refuses a second transaction while one is open rather than mixing their statements", async () => {
    const open = await client.transaction("deferred");
    await expect(client.transaction("deferred")).rejects.toThrow(/already open/);
    await open.rollback();
  });
});
