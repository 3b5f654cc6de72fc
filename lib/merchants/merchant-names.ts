import "server-only";

import { boundValues } from "@/lib/db/bind-marker";
import { getDb } from "@/lib/db/client";
import { fixedRead } from "@/lib/db/fixed-read";
import { oneOfCondition } from "@/lib/db/one-of-condition";

/**
 * The names of the given merchants, by id, so a list of events can name merchants instead of showing ids.
 * Only merchants in the given environments (null: any) are named; the others stay unnamed.
 * The audit log asks on every view, so it is a fixed statement: as a Prisma 6 model query, compiled anew on
 * each call, it cost the page about 1 ms of CPU more.
 */
export async function merchantNames(
  merchantIds: readonly string[],
  environmentIds: readonly string[] | null,
): Promise<Map<string, string>> {
  const ids = [...new Set(merchantIds)];
  if (ids.length === 0 || environmentIds?.length === 0) return new Map();
  const { values, bind } = boundValues();
  const conditions = [oneOfCondition(`"id"`, ids, bind)];
  if (environmentIds) conditions.push(oneOfCondition(`"environment"`, environmentIds, bind));
  const rows = await fixedRead<{ id: string; name: string }>(
    getDb(),
    `SELECT "id", "name" FROM "Merchant" WHERE ${conditions.join(" AND ")}`,
    ...values,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
