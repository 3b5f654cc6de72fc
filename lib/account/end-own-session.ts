import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { endSessionRecords } from "@/lib/auth/staff-session-records";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type EndOwnSessionOptions = { staff: CurrentStaff; sessionId: string };

/** A staff member signs one of their browsers out; another member's session id is simply not found. */
export async function endOwnSession({ staff, sessionId }: EndOwnSessionOptions): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const ended = await endSessionRecords(tx, { staffId: staff.id, sessionId });
    if (ended === 0) throw new AppError("NOT_FOUND", { userMessage: "That session has already ended." });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "staff.session_ended",
        details: { sessionsEnded: 1 },
      },
      tx,
    );
  });
}
