import "server-only";

import nodemailer from "nodemailer";

import type { MailSettings } from "@/lib/mail/mail-settings";

export type MailMessage = { to: string; subject: string; text: string; html: string };

/** Why a mail did not go out, in words for an admin; never the server's own text, which may quote the message. */
export type MailFailureReason = "unreachable" | "timeout" | "login-refused" | "recipient-refused" | "other";

export class MailNotSentError extends Error {
  constructor(readonly reason: MailFailureReason) {
    super(`The mail could not be sent (${reason}).`);
    this.name = "MailNotSentError";
  }
}

// A person waits for the answer (an admin at the staff page), so a mail server that does not answer is given
// up on within seconds rather than nodemailer's default of minutes.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;

function failureReason(error: unknown): MailFailureReason {
  const code = typeof error === "object" && error && "code" in error ? String(error.code) : "";
  if (code === "ECONNECTION" || code === "EDNS" || code === "ESOCKET" || code === "ETLS") return "unreachable";
  if (code === "ETIMEDOUT") return "timeout";
  if (code === "EAUTH" || code === "ENOAUTH") return "login-refused";
  if (code === "EENVELOPE") return "recipient-refused";
  return "other";
}

/** The transport's options from SMTP_URL: smtps:// speaks TLS from the start, smtp:// upgrades when offered. */
function transportOptions(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  const user = decodeURIComponent(parsed.username);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(parsed.password) } } : {}),
    ...TIMEOUTS,
  };
}

/** Hands one message to the mail server; a refusal or a server out of reach is a MailNotSentError. */
export async function sendMail(settings: MailSettings, message: MailMessage): Promise<void> {
  const transport = nodemailer.createTransport(transportOptions(settings.url));
  try {
    await transport.sendMail({ from: settings.from, ...message });
  } catch (error) {
    throw new MailNotSentError(failureReason(error));
  } finally {
    transport.close();
  }
}
