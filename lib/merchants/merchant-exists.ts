import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";

/**
 * Whether a merchant id names a merchant. The merchant pages ask it before their loading skeleton streams,
 * so it is one fixed statement (a Prisma 6 model query is compiled anew on every call).
 */
export async function merchantExists(db: Database, merchantId: string): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "Merchant" WHERE "id" = ${bindMarker(1)}`,
    merchantId,
  );
  return rows.length > 0;
}
