import "server-only";

import { recordAuditEvent, type Actor } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  newPasswordResetToken,
  PASSWORD_RESET_LIFETIME_MS,
  passwordResetPath,
  passwordResetTokenHash,
} from "@/lib/account/password-reset-token";

export type CreatePasswordResetLinkOptions = {
  staffId: string;
  /** An admin making the link (staff), or the sign-in page's "Forgot password?" asking for its owner (system). */
  actor: Actor & { type: "staff" | "system" };
};

/**
 * An admin makes a link for a staff member to set a new password (or its owner asks for one by mail): single
 * use, short-lived, and the only one of that person that works (every older one stops working). The link is
 * answered once, for the admin to pass on; the console keeps only its hash.
 */
export async function createPasswordResetLink(
  { staffId, actor }: CreatePasswordResetLinkOptions,
  now = new Date(),
): Promise<{ url: string; email: string; expiresAt: Date }> {
  const token = newPasswordResetToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
  const email = await getDb().$transaction(async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { email: true, disabled: true } });
    if (!staff) throw new AppError("NOT_FOUND", { userMessage: "No such staff member." });
    if (staff.disabled) {
      throw new AppError("CONFLICT", { userMessage: "Enable the account before making a password reset link." });
    }
    const { count: replaced } = await tx.staffPasswordReset.deleteMany({ where: { staffId, usedAt: null } });
    await tx.staffPasswordReset.create({
      data: {
        staffId,
        tokenHash: passwordResetTokenHash(token),
        createdByLabel: actor.label,
        createdAt: now,
        expiresAt,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: actor.type === "staff" ? "staff.password_reset_link_created" : "staff.password_reset_requested",
        details: { staffId, email: staff.email, expiresAt: expiresAt.toISOString(), olderLinksRevoked: replaced },
      },
      tx,
    );
    return staff.email;
  });
  return { url: new URL(passwordResetPath(token), getEnv().NEXTAUTH_URL).toString(), email, expiresAt };
}
