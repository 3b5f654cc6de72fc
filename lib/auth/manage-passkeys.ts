import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireFreshSecondFactor } from "@/lib/auth/fresh-second-factor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/** A staff member's passkeys, oldest first, as the Security page lists them (never a key or credential id). */
export async function listPasskeys(staffId: string): Promise<PasskeySummary[]> {
  return getDb().staffPasskey.findMany({
    where: { staffId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
}

/**
 * Removes one of the staff member's own passkeys. Like removing the authenticator app, it takes a second
 * factor used within the last few minutes (or a code now), so a session left open cannot do it alone.
 */
export async function removePasskey(
  staff: { id: string; email: string },
  passkeyId: string,
  secondFactorCode: string | undefined,
  now = new Date(),
): Promise<void> {
  const db = getDb();
  const passkey = await db.staffPasskey.findFirst({
    where: { id: passkeyId, staffId: staff.id },
    select: { name: true },
  });
  if (!passkey) throw new AppError("NOT_FOUND", { userMessage: "That passkey is not yours or no longer exists." });
  await requireFreshSecondFactor(staff.id, { code: secondFactorCode }, now);
  await db.$transaction(async (tx) => {
    const { count } = await tx.staffPasskey.deleteMany({ where: { id: passkeyId, staffId: staff.id } });
    if (count === 0) return;
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "staff.second_factor_removed",
        details: { factor: "passkey", passkeyId, name: passkey.name },
      },
      tx,
    );
  });
}
