import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { type Client, createClient } from "@libsql/client";

import { SCHEMA_STATEMENTS } from "./schema";

export type Database = Client;

export const DATABASE_FILE_NAME = "sandbox.db";

export async function openDatabase(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const url = pathToFileURL(path.join(dataDir, DATABASE_FILE_NAME)).href;
  const db = createClient({ url });
  // WAL lets the OP, the APIs and the callback dispatcher read while another write is in flight.
  await db.execute("PRAGMA journal_mode = WAL");
  await db.execute("PRAGMA busy_timeout = 5000");
  await db.batch(SCHEMA_STATEMENTS, "write");
  return db;
}

export function epochSeconds(now: number = Date.now()): number {
  return Math.floor(now / 1000);
}
