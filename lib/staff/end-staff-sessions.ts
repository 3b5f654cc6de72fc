import "server-only";

import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { endSessionRecords } from "@/lib/auth/staff-session-records";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { StaffSession } from "@/lib/auth/find-active-staff";

/**
 * Signing out ends this browser's session: its record ends, so the cookie opens nothing even if a copy of it
 * survives. The staff member's other browsers stay signed in. False when the session had already ended, so a
 * stale copy of the cookie records nothing.
 */
export async function endSessionOnSignOut(session: StaffSession): Promise<boolean> {
  const db = getDb();
  const ended = await endSessionRecords(db, { staffId: session.staffId, sessionId: session.sessionId });
  if (ended === 0) return false;
  const staff = await db.staffUser.findUnique({ where: { id: session.staffId }, select: { email: true } });
  await recordAuditEvent({
    actor: { type: "staff", id: session.staffId, label: staff?.email ?? session.staffId },
    action: "staff.signed_out",
  });
  return true;
}

export type EndStaffSessionsOptions = { staffId: string; actor: Actor & { type: "staff" } };

/**
 * "Sign out everywhere": every session of the staff member ends at its next request. The generation takes
 * back every cookie at once; the records end too, so the account page lists none of them.
 */
export async function endStaffSessions({ staffId, actor }: EndStaffSessionsOptions): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({
      where: { id: staffId },
      data: { sessionGeneration: { increment: 1 } },
    });
    if (count === 0) throw new AppError("NOT_FOUND", { userMessage: "No such staff member." });
    await endSessionRecords(tx, { staffId, all: true });
    const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { email: true } });
    await recordAuditEvent({ actor, action: "staff.sessions_ended", details: { staffId, email: staff.email } }, tx);
  });
}
