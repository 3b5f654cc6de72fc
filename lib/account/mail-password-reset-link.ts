import "server-only";

import { passwordResetMail, type PasswordResetMailOptions } from "@/lib/account/password-reset-mail";
import { logger } from "@/lib/logger";
import type { MailSettings } from "@/lib/mail/mail-settings";
import { MailNotSentError, sendMail, type MailFailureReason } from "@/lib/mail/send-mail";

export type ResetLinkMailOutcome = { status: "sent" } | { status: "failed"; reason: MailFailureReason };

/**
 * Mails a reset link to its owner. A failure is answered, not thrown: the link exists either way, and whoever
 * asked still needs it. Neither the link nor its token is ever logged.
 */
export async function mailPasswordResetLink(
  settings: MailSettings,
  options: PasswordResetMailOptions,
): Promise<ResetLinkMailOutcome> {
  try {
    await sendMail(settings, passwordResetMail(options));
    return { status: "sent" };
  } catch (error) {
    const reason = error instanceof MailNotSentError ? error.reason : "other";
    logger.warn("password reset mail not sent", { reason, requestedBy: options.requestedBy });
    return { status: "failed", reason };
  }
}
