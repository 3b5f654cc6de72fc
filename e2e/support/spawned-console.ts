import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createPrismaClient, type Database } from "../../lib/db/create-client";
import { scaled } from "../../lib/testing/test-slowness";

/** A server a spec starts itself (a console, a sandbox), logging into the spec's folder. */
export type SpawnedServer = { url: string; process: ChildProcess; logTail(): string };

/** A console of the suite's production build started by a spec with a configuration of its own. */
export type SpawnedConsole = SpawnedServer;

/** Starts `command` with exactly `env`, its output appended to `<name>.log` in `directory`. */
export function spawnServer(options: {
  command: string;
  args: string[];
  url: string;
  directory: string;
  name: string;
  env: NodeJS.ProcessEnv;
}): SpawnedServer {
  const logPath = path.join(options.directory, `${options.name}.log`);
  const log = openSync(logPath, "a");
  const child = spawn(options.command, options.args, { env: options.env, stdio: ["ignore", log, log] });
  const logTail = () => {
    try {
      return readFileSync(logPath, "utf8").slice(-2000);
    } catch (error) {
      return `(no log: ${String(error)})`;
    }
  };
  return { url: options.url, process: child, logTail };
}

/**
 * A console of the suite's production build with a separate database and settings of its own; `env` overrides
 * the defaults (fresh secrets, no sandbox, no keep-alive).
 */
export function spawnConsole(options: {
  port: number;
  directory: string;
  name: string;
  databaseUrl: string;
  env?: Record<string, string>;
}): SpawnedConsole {
  const url = `http://localhost:${options.port}`;
  return spawnServer({
    command: path.join("node_modules", ".bin", "next"),
    args: ["start", "--port", String(options.port)],
    url,
    directory: options.directory,
    name: options.name,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      TOKEN_ENCRYPTION_KEYS: `${options.name.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32) || "k"}:${randomBytes(32).toString("base64")}`,
      SANDBOX_ENABLED: "false",
      KEEPALIVE_ENABLED: "false",
      ...options.env,
    },
  });
}

/** Until the server answers `path` with a 2xx; its log's end when it exits or does not answer in time. */
export async function waitUntilAnswering(
  spawned: SpawnedServer,
  path: string,
  timeoutMs = scaled(90_000),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawned.process.exitCode !== null) break;
    try {
      if ((await fetch(`${spawned.url}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${spawned.url}${path} did not answer:\n${spawned.logTail()}`);
}

/** Until the console answers its health check. */
export function waitUntilHealthy(spawned: SpawnedConsole, timeoutMs?: number): Promise<void> {
  return waitUntilAnswering(spawned, "/api/health", timeoutMs);
}

/** Applies the migrations to the database at `databaseUrl` (SQLite or PostgreSQL). */
export function migrateDatabase(databaseUrl: string): void {
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "ignore",
  });
}

/** A migrated SQLite database of the spec's own in a new folder, and a client to seed and inspect it. */
export function specDatabase(folderPrefix: string): { directory: string; databaseUrl: string; db: Database } {
  const directory = mkdtempSync(path.join(tmpdir(), folderPrefix));
  const databaseUrl = `file:${path.join(directory, "console.db")}`;
  migrateDatabase(databaseUrl);
  return { directory, databaseUrl, db: createPrismaClient(databaseUrl) };
}
