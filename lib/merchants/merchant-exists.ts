import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { boundValues } from "@/lib/db/bind-marker";
import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/create-client";
import { fixedRead } from "@/lib/db/fixed-read";

/**
 * Whether a merchant id names a merchant in one of the given environments (null: any environment). The merchant
 * pages ask it before their loading skeleton streams, so a merchant that does not exist, or that the viewer may
 * not see, answers a real 404; it is one fixed statement (a Prisma 6 model query is compiled anew on every call).
 */
export async function merchantExists(
  db: Database,
  merchantId: string,
  environmentIds: readonly string[] | null = null,
): Promise<boolean> {
  const { values, bind } = boundValues();
  let text = `SELECT "id" FROM "Merchant" WHERE "id" = ${bind(merchantId)}`;
  if (environmentIds !== null) {
    if (environmentIds.length === 0) return false;
    text += ` AND "environment" IN (${environmentIds.map((id) => bind(id)).join(", ")})`;
  }
  const rows = await fixedRead<{ id: string }>(db, text, ...values);
  return rows.length > 0;
}

/** Whether a merchant exists for this viewer: demo staff see sandbox environments only, as on every read. */
export function merchantVisibleTo(staff: Pick<CurrentStaff, "role">, merchantId: string): Promise<boolean> {
  return merchantExists(getDb(), merchantId, visibleEnvironmentIds(staff));
}
