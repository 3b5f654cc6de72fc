import "server-only";

import { createPasswordResetLink, type CreatePasswordResetLinkOptions } from "@/lib/account/create-password-reset-link";
import { mailPasswordResetLink, type ResetLinkMailOutcome } from "@/lib/account/mail-password-reset-link";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getEnv } from "@/lib/env";
import { mailSettings, type MailSettings } from "@/lib/mail/mail-settings";

export type SentPasswordResetLink = {
  url: string;
  email: string;
  expiresAt: Date;
  /** null without a mail server: the admin passes the link on by hand, as ever. */
  mail: ResetLinkMailOutcome | null;
};

/**
 * An admin's reset link, also mailed to its owner when a mail server is configured. The link is made (and
 * committed) first and answered whatever the mail did, so a mail server that is down never costs the admin the
 * link; whether the mail went out is in the audit log beside the link's own event.
 */
export async function sendPasswordResetLink(
  options: CreatePasswordResetLinkOptions,
  settings: MailSettings | null = mailSettings(getEnv()),
): Promise<SentPasswordResetLink> {
  const link = await createPasswordResetLink(options);
  if (!settings) return { ...link, mail: null };
  const mail = await mailPasswordResetLink(settings, {
    to: link.email,
    url: link.url,
    expiresAt: link.expiresAt,
    requestedBy: options.actor.type === "staff" ? "admin" : "self",
  });
  await recordAuditEvent({
    actor: options.actor,
    action: "staff.password_reset_link_mailed",
    outcome: mail.status === "sent" ? "success" : "failure",
    details: {
      staffId: options.staffId,
      email: link.email,
      ...(mail.status === "failed" ? { reason: mail.reason } : {}),
    },
  });
  return { ...link, mail };
}
