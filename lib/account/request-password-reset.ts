import "server-only";

import { sendPasswordResetLink } from "@/lib/account/send-password-reset-link";
import { reserveUnderCeiling } from "@/lib/auth/login-throttle";
import type { CeilingPolicy } from "@/lib/auth/login-throttle-policy";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { MailSettings } from "@/lib/mail/mail-settings";

/** The one answer to every request that is not throttled, whatever the email: it must not tell them apart. */
export const PASSWORD_RESET_REQUESTED_MESSAGE =
  "If that email belongs to an active account of this console, a link to set a new password is on its way. " +
  "It works once, for 30 minutes.";

/** Against one address asking for mail to many people. */
export const RESET_REQUEST_ADDRESS_POLICY: CeilingPolicy = { kind: "ceiling", maxAttempts: 10, windowMs: 60 * 60_000 };
/** Against one inbox being filled (and its latest link replaced over and over), from however many addresses. */
export const RESET_REQUEST_EMAIL_POLICY: CeilingPolicy = { kind: "ceiling", maxAttempts: 3, windowMs: 60 * 60_000 };

const SELF_SERVICE_ACTOR = { type: "system", label: "forgot-password" } as const;

export type PasswordResetRequest = { email: string; address: string };

export type PasswordResetRequestOutcome =
  | { kind: "throttled"; retryAfterMs: number }
  /** `deliver` looks the email up and mails a link; it is meant to run after the answer has gone out. */
  | { kind: "accepted"; deliver: () => Promise<PasswordResetDelivery> };

/** What happened behind the neutral answer (for tests and the logs; never for the person asking). */
export type PasswordResetDelivery = "mailed" | "mail-failed" | "no-active-account";

/**
 * Someone at the sign-in page asks for a reset link for an email. Only the limits are decided before the
 * answer, and they count the email whether or not it exists, so the answer and its timing are the same for
 * every email; whether there is an account to mail is looked up only in `deliver`.
 */
export async function requestPasswordReset(
  { email, address }: PasswordResetRequest,
  settings: MailSettings,
  now = new Date(),
): Promise<PasswordResetRequestOutcome> {
  for (const [key, policy] of [
    [`reset-address:${address}`, RESET_REQUEST_ADDRESS_POLICY],
    [`reset-email:${email}`, RESET_REQUEST_EMAIL_POLICY],
  ] as const) {
    const reserved = await reserveUnderCeiling(key, policy, now);
    if (!reserved.allowed) return { kind: "throttled", retryAfterMs: reserved.retryAfterMs };
  }
  return { kind: "accepted", deliver: () => deliverPasswordReset(email, settings) };
}

async function deliverPasswordReset(email: string, settings: MailSettings): Promise<PasswordResetDelivery> {
  const staff = await getDb().staffUser.findUnique({ where: { email }, select: { id: true, disabled: true } });
  if (!staff || staff.disabled) return "no-active-account";
  try {
    const sent = await sendPasswordResetLink({ staffId: staff.id, actor: SELF_SERVICE_ACTOR }, settings);
    return sent.mail?.status === "sent" ? "mailed" : "mail-failed";
  } catch (error) {
    // Disabled or deleted between the look-up and the link: the same as no account.
    if (error instanceof AppError && (error.code === "CONFLICT" || error.code === "NOT_FOUND")) {
      return "no-active-account";
    }
    logger.error("password reset request failed", { error });
    return "mail-failed";
  }
}
