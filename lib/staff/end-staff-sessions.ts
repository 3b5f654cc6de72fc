import "server-only";

import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { StaffSession } from "@/lib/auth/find-active-staff";

/**
 * Signing out ends every session of the account: sessions are cookies, so the account's generation is what
 * the server can take back. Only a session that is still current may do it, so a stale or stolen cookie
 * cannot sign its owner out of a newer session. False when the session had already ended.
 */
export async function endSessionsOnSignOut(session: StaffSession): Promise<boolean> {
  const db = getDb();
  const { count } = await db.staffUser.updateMany({
    where: { id: session.staffId, sessionGeneration: session.sessionGeneration },
    data: { sessionGeneration: { increment: 1 } },
  });
  if (count === 0) return false;
  const staff = await db.staffUser.findUnique({ where: { id: session.staffId }, select: { email: true } });
  await recordAuditEvent({
    actor: { type: "staff", id: session.staffId, label: staff?.email ?? session.staffId },
    action: "staff.signed_out",
  });
  return true;
}

export type EndStaffSessionsOptions = { staffId: string; actor: Actor & { type: "staff" } };

/** "Sign out everywhere": every session of the staff member ends at its next request. */
export async function endStaffSessions({ staffId, actor }: EndStaffSessionsOptions): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({
      where: { id: staffId },
      data: { sessionGeneration: { increment: 1 } },
    });
    if (count === 0) throw new AppError("NOT_FOUND", { userMessage: "No such staff member." });
    const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { email: true } });
    await recordAuditEvent({ actor, action: "staff.sessions_ended", details: { staffId, email: staff.email } }, tx);
  });
}
