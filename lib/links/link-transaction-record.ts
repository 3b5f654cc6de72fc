import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";

/** What a callback needs to know of the link transaction its cookie names. */
export type LinkTransactionRecord = { id: string; invitationId: string; environment: string };

// Both statements run on every callback before the code is redeemed; as fixed SQL they cost about a
// quarter of the same Prisma 6 model queries, which are compiled anew on each call.

export async function readLinkTransaction(db: Database, id: string): Promise<LinkTransactionRecord | null> {
  const rows = await db.$queryRawUnsafe<LinkTransactionRecord[]>(
    `SELECT "id", "invitationId", "environment" FROM "LinkTransaction" WHERE "id" = ${bindMarker(1)}`,
    id,
  );
  return rows[0] ?? null;
}

/** Marks the transaction used; false when it was used already or has expired, so a code is redeemed once. */
export async function consumeLinkTransaction(db: Database, id: string, now: Date): Promise<boolean> {
  const consumed = await db.$executeRawUnsafe(
    `UPDATE "LinkTransaction" SET "consumedAt" = ${bindMarker(1)}
    WHERE "id" = ${bindMarker(2)} AND "consumedAt" IS NULL AND "expiresAt" > ${bindMarker(3)}`,
    now,
    id,
    now,
  );
  return consumed === 1;
}
