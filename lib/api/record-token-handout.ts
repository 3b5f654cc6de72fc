import "server-only";

import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/create-client";
import { fixedWrite } from "@/lib/db/fixed-write";
import { newRowId } from "@/lib/db/row-id";
import { insertStatement } from "@/lib/db/row-statements";
import { groupCommit } from "@/lib/tokens/group-commit";

export type TokenHandoutRecord = { apiKeyId: string; merchantId: string; handedOutAt: Date; refreshed: boolean };

/** Rows in one insert at most; a burst of handouts becomes a few statements instead of one each. */
const MAX_GROUP = 200;
/**
 * How long a handout waits for others to share its commit. A commit is a disk sync (5–7 ms on a busy
 * disk) made on the server's one thread while every other request waits: handouts a few milliseconds
 * apart, each with a commit of its own, spent most of their time waiting for one another's syncs.
 */
const HANDOUT_LINGER_MS = 5;

/** One fixed insert for a group of handouts (a Prisma 6 createMany is compiled anew on every call). */
export async function insertTokenHandouts(db: Database, records: readonly TokenHandoutRecord[]): Promise<void> {
  if (records.length === 0) return;
  const statement = insertStatement(
    "TokenHandout",
    records.map((record) => ({ id: newRowId(), ...record })),
  );
  await fixedWrite(db, [statement]);
}

const recordInGroups = groupCommit<TokenHandoutRecord, void>(
  async (records) => {
    await insertTokenHandouts(getDb(), records);
    return records.map(() => undefined);
  },
  { maxGroupSize: MAX_GROUP, lingerMs: HANDOUT_LINGER_MS },
);

/**
 * Records that a key got a merchant's access token. The token is handed over only once the record is
 * written, so "who got merchant X's token" has no gaps; concurrent handouts share one insert.
 */
export function recordTokenHandout(record: TokenHandoutRecord): Promise<void> {
  return recordInGroups(record);
}
