import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type BenchDatabase = { url: string; kind: "sqlite" | "postgresql"; remove(): void };

/** A console database file in its own temporary folder, migrated like a fresh install. */
export function createSqliteDatabase(): BenchDatabase {
  const directory = mkdtempSync(path.join(tmpdir(), "console-bench-"));
  const url = `file:${path.join(directory, "console.db")}`;
  migrateDatabase(url);
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
