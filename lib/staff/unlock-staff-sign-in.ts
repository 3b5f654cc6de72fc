import "server-only";

import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { clearAccountThrottle } from "@/lib/auth/login-throttle";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type UnlockStaffSignInOptions = { staffId: string; actor: Actor & { type: "staff" } };

/** An admin lets a staff member sign in again at once: the account's ceiling and every backoff are lifted. */
export async function unlockStaffSignIn({ staffId, actor }: UnlockStaffSignInOptions): Promise<{ cleared: number }> {
  const staff = await getDb().staffUser.findUnique({ where: { id: staffId }, select: { email: true } });
  if (!staff) throw new AppError("NOT_FOUND", { userMessage: "No such staff member." });
  const cleared = await clearAccountThrottle(staff.email);
  await recordAuditEvent({
    actor,
    action: "staff.sign_in_unlocked",
    details: { staffId, email: staff.email, limitsCleared: cleared },
  });
  return { cleared };
}
