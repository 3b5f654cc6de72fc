import "server-only";

import { getDb } from "@/lib/db/client";
import { isPostgresUrl } from "@/lib/db/database-url";
import { getEnv } from "@/lib/env";

/**
 * SQLite in write-ahead-log mode lets readers (pages) go on while the keep-alive
 * job writes; the setting is stored in the database file, so once is enough.
 */
export async function tuneDatabase(): Promise<void> {
  if (isPostgresUrl(getEnv().DATABASE_URL)) return;
  await getDb().$queryRawUnsafe("PRAGMA journal_mode=WAL");
}
