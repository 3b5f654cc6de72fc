import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { LibsqlError, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sqliteFilePath, sqliteFileClient } from "./sqlite-file-client";

describe("sqliteFilePath", () => {
  it.each([
    ["file:./.data/console.db", "./.data/console.db"],
    ["file:console.db", "console.db"],
    ["file:/srv/console.db", "/srv/console.db"],
    ["file:///srv/console.db", "/srv/console.db"],
    ["file://localhost/srv/console.db", "/srv/console.db"],
    ["file:/srv/my%20console.db", "/srv/my console.db"],
  ])("reads %s as %s", (url, expected) => {
    expect(sqliteFilePath(url)).toBe(expected);
  });

  it.each(["postgresql://localhost/console", "file://db.example.com/console.db", "file:", "file:x.db?mode=ro"])(
    "refuses %s",
    (url) => {
      expect(() => sqliteFilePath(url)).toThrow();
    },
  );
});

describe("a SQLite file client that prepares each statement once", () => {
  let directory: string;
  let client: Client;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "console-file-client-"));
    client = sqliteFileClient(`file:${path.join(directory, "test.db")}`);
    await client.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, at INTEGER, raw BLOB)");
  });

  afterAll(async () => {
    client.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("gives the same answers to the same statement run again with other values", async () => {
    const insert = "INSERT INTO item (name, at) VALUES (?, ?)";
    const first = await client.execute({ sql: insert, args: ["a", new Date(1_000)] });
    const second = await client.execute({ sql: insert, args: ["b", true] });
    expect(first.rowsAffected).toBe(1);
    expect(second.lastInsertRowid).toBe(first.lastInsertRowid! + 1n);
    const select = "SELECT name, at FROM item WHERE name = ?";
    const a = await client.execute({ sql: select, args: ["a"] });
    const b = await client.execute({ sql: select, args: ["b"] });
    expect(a.columns).toEqual(["name", "at"]);
    expect(a.columnTypes).toEqual(["TEXT", "INTEGER"]);
    expect([a.rows[0]?.name, a.rows[0]?.at, a.rows[0]?.[1]]).toEqual(["a", 1_000, 1_000]);
    expect(Array.from(b.rows[0]!)).toEqual(["b", 1]);
    expect(b.rows[0]!.length).toBe(2);
  });

  it("binds named values and keeps blobs byte for byte", async () => {
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    await client.execute({
      sql: "INSERT INTO item (name, raw) VALUES (:name, $raw)",
      args: { name: "blob", raw: bytes.buffer },
    });
    const [row] = (await client.execute({ sql: "SELECT raw FROM item WHERE name = @n", args: { n: "blob" } })).rows;
    expect([...new Uint8Array(row!.raw as ArrayBuffer)]).toEqual([...bytes]);
  });

  it("sees a column added after a statement was first prepared", async () => {
    const everything = "SELECT * FROM item WHERE name = 'a'";
    expect((await client.execute(everything)).columns).not.toContain("note");
    await client.execute("ALTER TABLE item ADD COLUMN note TEXT");
    expect((await client.execute(everything)).columns).toContain("note");
  });

  it("reports SQLite's error code, which Prisma's adapter turns into its own errors", async () => {
    const duplicate = client.execute({ sql: "INSERT INTO item (name) VALUES (?)", args: ["a"] });
    await expect(duplicate).rejects.toBeInstanceOf(LibsqlError);
    await expect(duplicate).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE", rawCode: 2067 });
    await expect(client.execute("SELECT nothing FROM nowhere")).rejects.toMatchObject({ code: "SQLITE_ERROR" });
  });

  it("refuses values SQLite cannot hold rather than storing something else", async () => {
    const insert = "INSERT INTO item (name, at) VALUES (?, ?)";
    await expect(client.execute({ sql: insert, args: ["nan", Number.NaN] })).rejects.toThrow(RangeError);
    await expect(client.execute({ sql: insert, args: ["big", 2n ** 64n] })).rejects.toThrow(RangeError);
    await client.execute({ sql: insert, args: ["huge", 2n ** 60n] });
    await expect(client.execute("SELECT at FROM item WHERE name = 'huge'")).rejects.toThrow(RangeError);
  });

  it("runs a batch as one transaction: all of it or none", async () => {
    const before = (await client.execute("SELECT COUNT(*) AS n FROM item")).rows[0]!.n;
    await expect(
      client.batch([
        { sql: "INSERT INTO item (name) VALUES (?)", args: ["batch-1"] },
        { sql: "INSERT INTO item (name) VALUES (?)", args: ["a"] },
      ]),
    ).rejects.toBeInstanceOf(LibsqlError);
    expect((await client.execute("SELECT COUNT(*) AS n FROM item")).rows[0]!.n).toBe(before);
    await client.batch([{ sql: "INSERT INTO item (name) VALUES (?)", args: ["batch-2"] }]);
    expect((await client.execute("SELECT COUNT(*) AS n FROM item")).rows[0]!.n).toBe(Number(before) + 1);
  });
});
