import type { MailMessage } from "@/lib/mail/send-mail";

const CONSOLE_NAME = "MobilePay Link Console";

export type PasswordResetMailOptions = {
  to: string;
  url: string;
  expiresAt: Date;
  /** Who asked: an admin of the console, or someone at the sign-in page giving this address. */
  requestedBy: "admin" | "self";
};

/** "14:05 UTC on 2026-12-06": the reader's time zone is unknown, so the mail names its own. */
function expiryWords(expiresAt: Date): string {
  const iso = expiresAt.toISOString();
  return `${iso.slice(11, 16)} UTC on ${iso.slice(0, 10)}`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The mail that carries a password reset link: plain text for every reader, and a simple HTML twin. */
export function passwordResetMail({ to, url, expiresAt, requestedBy }: PasswordResetMailOptions): MailMessage {
  const asked =
    requestedBy === "admin"
      ? `An admin of the ${CONSOLE_NAME} made a link for you to set a new password for ${to}.`
      : `Someone asked to reset the password of ${to} at the ${CONSOLE_NAME}.`;
  const expiry = `The link works once, until ${expiryWords(expiresAt)}.`;
  const ignore = "If you did not ask for this, ignore this mail: your password stays as it is.";
  return {
    to,
    subject: `Set a new password for the ${CONSOLE_NAME}`,
    text: [asked, "", "Set a new password here:", url, "", expiry, ignore, "", `— ${CONSOLE_NAME}`].join("\n"),
    html: [
      `<p>${escapeHtml(asked)}</p>`,
      `<p><a href="${escapeHtml(url)}">Set a new password</a></p>`,
      `<p>${escapeHtml(expiry)}<br>${escapeHtml(ignore)}</p>`,
      `<p>— ${CONSOLE_NAME}</p>`,
    ].join("\n"),
  };
}
