import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { reserveSignInAttempt, settleSuccessfulSignIn, signInKeys } from "@/lib/auth/login-throttle";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSessionRecords } from "@/lib/auth/staff-session-records";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TChangePassword } from "@/lib/account/account-schemas";

export type ChangePasswordOptions = {
  staff: CurrentStaff;
  /** This browser's session, which stays signed in; every other session of the account ends. */
  sessionId: string;
  changes: TChangePassword;
  /** The sender's address, counted like a sign-in's. */
  address: string;
};

/**
 * A staff member sets a new password by giving the current one. A wrong current password is a failed sign-in
 * under the same limits, so a session left open cannot be used to guess the password it was opened with.
 * Whoever else holds a session of the account (perhaps the reason for the change) is signed out.
 */
export async function changePassword({ staff, sessionId, changes, address }: ChangePasswordOptions) {
  const keys = signInKeys(staff.email, address);
  if (!(await reserveSignInAttempt(keys))) {
    throw new AppError("RATE_LIMITED", {
      userMessage: "Too many failed attempts. Wait a few minutes before trying again.",
    });
  }
  const db = getDb();
  const stored = await db.staffUser.findUniqueOrThrow({
    where: { id: staff.id },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(changes.currentPassword, stored.passwordHash))) {
    await recordAuditEvent({
      actor: { type: "staff", id: staff.id, label: staff.email },
      action: "staff.password_changed",
      outcome: "failure",
      details: { reason: "wrong-current-password" },
    });
    throw new AppError("INVALID_INPUT", {
      userMessage: "Your current password is not right.",
      fieldErrors: { currentPassword: ["This is not your current password"] },
    });
  }
  await settleSuccessfulSignIn(keys);
  const passwordHash = await hashPassword(changes.newPassword);
  const endedSessions = await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: staff.id }, data: { passwordHash } });
    const ended = await endSessionRecords(tx, { staffId: staff.id, exceptSessionId: sessionId });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "staff.password_changed",
        details: { otherSessionsEnded: ended },
      },
      tx,
    );
    return ended;
  });
  return { otherSessionsEnded: endedSessions };
}
