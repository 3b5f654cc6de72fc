import "server-only";

import { getDb } from "@/lib/db/client";

/**
 * The names of the given merchants, by id, so a list of events can name merchants instead of showing ids.
 * Only merchants in the given environments (null: any) are named; the others stay unnamed.
 */
export async function merchantNames(
  merchantIds: readonly string[],
  environmentIds: readonly string[] | null,
): Promise<Map<string, string>> {
  const ids = [...new Set(merchantIds)];
  if (ids.length === 0 || environmentIds?.length === 0) return new Map();
  const rows = await getDb().merchant.findMany({
    where: { id: { in: ids }, ...(environmentIds ? { environment: { in: [...environmentIds] } } : {}) },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, row.name]));
}
