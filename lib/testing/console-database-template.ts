/**
 * Vitest's global setup: the console's migrations run once per test run, into a template, instead of once per
 * test file. Each file's database is then a copy of it: a file copy for SQLite, `CREATE DATABASE … TEMPLATE`
 * on one throw-away PostgreSQL server for TEST_DATABASE=postgresql. `prisma migrate deploy` costs about 2 s on
 * SQLite and 12 s on PostgreSQL (its schema engine leaves a 10 s timer behind before the CLI exits); a copy
 * takes milliseconds.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import type { TestProject } from "vitest/node";

import { startThrowawayPostgres } from "../../scripts/throwaway-postgres";

export type ConsoleDatabaseTemplate =
  { kind: "sqlite"; file: string } | { kind: "postgresql"; serverUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    consoleDatabaseTemplate: ConsoleDatabaseTemplate;
  }
}

const POSTGRES_TEMPLATE = "console_template";

function migrate(databaseUrl: string): void {
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "ignore",
  });
}

/** A URL like `url` naming another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE === "postgresql") {
    // Files run side by side on the one server, each with its own connection pools.
    const server = await startThrowawayPostgres({ maxConnections: 400 });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    await admin.end();
    migrate(withDatabase(server.url, POSTGRES_TEMPLATE));
    project.provide("consoleDatabaseTemplate", {
      kind: "postgresql",
      serverUrl: server.url,
      template: POSTGRES_TEMPLATE,
    });
    return async () => server.stop();
  }
  const directory = await mkdtemp(path.join(tmpdir(), "console-template-"));
  const file = path.join(directory, "console.db");
  migrate(`file:${file}`);
  project.provide("consoleDatabaseTemplate", { kind: "sqlite", file });
  return () => rm(directory, { recursive: true, force: true });
}
