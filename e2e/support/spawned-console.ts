import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createPrismaClient, type Database } from "../../lib/db/create-client";

/**
 * A console of the suite's production build started by a spec with a configuration of its own (a separate
 * database, other settings), logging into the spec's folder.
 */
export type SpawnedConsole = { url: string; process: ChildProcess; logTail(): string };

export function spawnConsole(options: {
  port: number;
  directory: string;
  name: string;
  databaseUrl: string;
  env?: Record<string, string>;
}): SpawnedConsole {
  const logPath = path.join(options.directory, `${options.name}.log`);
  const log = openSync(logPath, "a");
  const url = `http://localhost:${options.port}`;
  const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(options.port)], {
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
    stdio: ["ignore", log, log],
  });
  const logTail = () => {
    try {
      return readFileSync(logPath, "utf8").slice(-2000);
    } catch (error) {
      return `(no log: ${String(error)})`;
    }
  };
  return { url, process: child, logTail };
}

/** Until the console answers its health check; its log's end when it does not in time. */
export async function waitUntilHealthy(spawned: SpawnedConsole, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawned.process.exitCode !== null) break;
    try {
      if ((await fetch(`${spawned.url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${spawned.url} did not become healthy:\n${spawned.logTail()}`);
}

/** A migrated SQLite database of the spec's own in a new folder, and a client to seed and inspect it. */
export function specDatabase(folderPrefix: string): { directory: string; databaseUrl: string; db: Database } {
  const directory = mkdtempSync(path.join(tmpdir(), folderPrefix));
  const databaseUrl = `file:${path.join(directory, "console.db")}`;
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "ignore",
  });
  return { directory, databaseUrl, db: createPrismaClient(databaseUrl) };
}
