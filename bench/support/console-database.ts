import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createClient } from "@libsql/client";

export type BenchDatabase = { url: string; kind: "sqlite" | "postgresql"; remove(): void };

/**
 * A console database file in its own temporary folder, migrated like a fresh install and switched to
 * write-ahead logging as every console instance does at start (lib/db/tune-database.ts); the mode is
 * stored in the file, so in-process benchmarks measure the journal production uses.
 */
export async function createSqliteDatabase(): Promise<BenchDatabase> {
  const directory = mkdtempSync(path.join(tmpdir(), "console-bench-"));
  const url = `file:${path.join(directory, "console.db")}`;
  migrateDatabase(url);
  const client = createClient({ url });
  try {
    await client.execute("PRAGMA journal_mode=WAL");
  } finally {
    client.close();
  }
  return { url, kind: "sqlite", remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/** `prisma migrate deploy`, as `npm start` runs it; prisma.config.ts picks the schema and adapter. */
export function migrateDatabase(url: string): void {
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
    timeout: 120_000,
  });
}
