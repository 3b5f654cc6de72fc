import "server-only";

import { createPrismaClient, type Database } from "@/lib/db/create-client";
import { getEnv } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { consoleDb?: Database };

/** The one database client of the process (kept across hot reloads in development). */
export function getDb(): Database {
  if (!globalForPrisma.consoleDb) {
    globalForPrisma.consoleDb = createPrismaClient(getEnv().DATABASE_URL);
  }
  return globalForPrisma.consoleDb;
}
