import "server-only";

import { apiKeyVisibleTo } from "@/lib/api-keys/api-key-visibility";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Revokes a key. Every API request reads its key's row, so the next request with it is refused, on
 * every instance. Revoking twice changes nothing and records nothing.
 */
export async function revokeApiKey({ apiKeyId, staff }: { apiKeyId: string; staff: CurrentStaff }) {
  const db = getDb();
  const key = await db.apiKey.findUnique({ where: { id: apiKeyId } });
  if (!key || !apiKeyVisibleTo(staff.role, key.environments.split(" "), visibleEnvironmentIds(staff))) {
    throw new AppError("NOT_FOUND", { userMessage: "No such API key." });
  }
  if (key.revokedAt) return { revokedAt: key.revokedAt.toISOString() };
  const revokedAt = new Date();
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: apiKeyId, revokedAt: null },
      data: { revokedAt, revokedByLabel: staff.email },
    });
    if (count === 0) return;
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "api_key.revoked",
        details: { apiKeyId, name: key.name, lastFour: key.lastFour },
      },
      tx,
    );
  });
  return { revokedAt: revokedAt.toISOString() };
}
