import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { endSessionRecords } from "@/lib/auth/staff-session-records";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TUpdateStaffUser } from "@/lib/staff/staff-schemas";

export type UpdateStaffUserOptions = { staffId: string; changes: TUpdateStaffUser; actor: CurrentStaff };

export async function updateStaffUser({ staffId, changes, actor }: UpdateStaffUserOptions) {
  // An admin who demotes or disables themselves could leave the install without one.
  if (staffId === actor.id && (changes.disabled === true || (changes.role && changes.role !== "admin"))) {
    throw new AppError("CONFLICT", { userMessage: "You cannot disable yourself or remove your own admin role." });
  }
  return getDb().$transaction(async (tx) => {
    const existing = await tx.staffUser.findUnique({ where: { id: staffId } });
    if (!existing) throw new AppError("NOT_FOUND", { userMessage: "No such staff member." });
    // A session carries the role it was issued with: a new role or a disabled account ends every session.
    const endsSessions = (changes.role !== undefined && changes.role !== existing.role) || changes.disabled === true;
    const updated = await tx.staffUser.update({
      where: { id: staffId },
      data: { ...changes, ...(endsSessions ? { sessionGeneration: { increment: 1 } } : {}) },
    });
    if (endsSessions) await endSessionRecords(tx, { staffId, all: true });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: actor.id, label: actor.email },
        action: "staff.updated",
        details: {
          staffId,
          email: existing.email,
          ...(changes.role ? { roleFrom: existing.role, roleTo: changes.role } : {}),
          ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
        },
      },
      tx,
    );
    return updated;
  });
}
