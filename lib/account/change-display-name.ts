import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import type { TChangeDisplayName } from "@/lib/account/account-schemas";

export type ChangeDisplayNameOptions = { staff: CurrentStaff; changes: TChangeDisplayName };

/** A staff member renames themselves; the header and the audit log show the new name from the next page on. */
export async function changeDisplayName({ staff, changes }: ChangeDisplayNameOptions): Promise<{ name: string }> {
  return getDb().$transaction(async (tx) => {
    const before = await tx.staffUser.findUniqueOrThrow({ where: { id: staff.id }, select: { name: true } });
    if (before.name === changes.name) return { name: before.name };
    await tx.staffUser.update({ where: { id: staff.id }, data: { name: changes.name } });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "staff.updated",
        details: { staffId: staff.id, email: staff.email, nameFrom: before.name, nameTo: changes.name },
      },
      tx,
    );
    return { name: changes.name };
  });
}
