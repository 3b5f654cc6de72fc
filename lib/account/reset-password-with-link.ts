import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { clearAccountThrottle } from "@/lib/auth/login-throttle";
import { hashPassword } from "@/lib/auth/password";
import { endSessionRecords } from "@/lib/auth/staff-session-records";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { passwordResetTokenHash, ZPasswordResetTokenSchema } from "@/lib/account/password-reset-token";

/** One message for a link that never existed, was used, expired or was replaced: the page tells them apart for no one. */
export const UNUSABLE_RESET_LINK_MESSAGE =
  "This password reset link cannot be used. Ask an admin of the console for a new one.";

function unusableLink(): AppError {
  return new AppError("NOT_FOUND", { userMessage: UNUSABLE_RESET_LINK_MESSAGE });
}

/** The staff member a reset link is for, while it can still be used; null otherwise, whatever the reason. */
export async function findUsablePasswordReset(token: string, now = new Date()): Promise<{ email: string } | null> {
  if (!ZPasswordResetTokenSchema.safeParse(token).success) return null;
  const reset = await getDb().staffPasswordReset.findUnique({
    where: { tokenHash: passwordResetTokenHash(token) },
    select: { usedAt: true, expiresAt: true, staff: { select: { email: true, disabled: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= now || reset.staff.disabled) return null;
  return { email: reset.staff.email };
}

export type ResetPasswordWithLinkOptions = { token: string; password: string };

/**
 * The person sets a new password through their link. The link is used up in the same statement that checks
 * it, so two submissions cannot both succeed. Every session of the account ends (whoever knew the old
 * password is out), and its sign-in limits are lifted so the person can sign in at once.
 */
export async function resetPasswordWithLink(
  { token, password }: ResetPasswordWithLinkOptions,
  now = new Date(),
): Promise<{ email: string }> {
  if (!(await findUsablePasswordReset(token, now))) throw unusableLink();
  const tokenHash = passwordResetTokenHash(token);
  // Hashed before the transaction: bcrypt takes a while, and the link's single use is settled inside it.
  const passwordHash = await hashPassword(password);
  const email = await getDb().$transaction(async (tx) => {
    const { count } = await tx.staffPasswordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw unusableLink();
    const { staff } = await tx.staffPasswordReset.findUniqueOrThrow({
      where: { tokenHash },
      select: { staff: { select: { id: true, email: true, disabled: true } } },
    });
    if (staff.disabled) throw unusableLink();
    await tx.staffUser.update({
      where: { id: staff.id },
      data: { passwordHash, sessionGeneration: { increment: 1 } },
    });
    const sessionsEnded = await endSessionRecords(tx, { staffId: staff.id, all: true }, now);
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "staff.password_reset",
        details: { staffId: staff.id, email: staff.email, sessionsEnded },
      },
      tx,
    );
    return staff.email;
  });
  await clearAccountThrottle(email);
  return { email };
}
