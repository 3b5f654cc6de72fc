import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { endSessionRecords } from "@/lib/auth/staff-session-records";
import { getDb } from "@/lib/db/client";

export type EndOtherSessionsOptions = { staff: CurrentStaff; currentSessionId: string };

/** "Sign out other sessions": every browser of the staff member but this one. */
export async function endOtherSessions({ staff, currentSessionId }: EndOtherSessionsOptions) {
  return getDb().$transaction(async (tx) => {
    const ended = await endSessionRecords(tx, { staffId: staff.id, exceptSessionId: currentSessionId });
    if (ended > 0) {
      await recordAuditEvent(
        {
          actor: { type: "staff", id: staff.id, label: staff.email },
          action: "staff.session_ended",
          details: { sessionsEnded: ended, keptCurrent: true },
        },
        tx,
      );
    }
    return { sessionsEnded: ended };
  });
}
