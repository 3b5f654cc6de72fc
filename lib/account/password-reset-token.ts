import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { z } from "zod";

/** 256 random bits, base64url: 43 characters in a link's path. */
export function newPasswordResetToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored: a database read does not give anyone a working link. */
export function passwordResetTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The shape of a token this console makes; anything else is no link at all, and is not looked up. */
export const ZPasswordResetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** How long a reset link works after an admin made it. */
export const PASSWORD_RESET_LIFETIME_MS = 30 * 60_000;

/** The path of the page a reset link opens. */
export function passwordResetPath(token: string): string {
  return `/reset-password/${token}`;
}
