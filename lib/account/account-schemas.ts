import { z } from "zod";

import { ZEmailSchema, ZPasswordSchema } from "@/lib/auth/password-policy";
import { ZHumanNameSchema } from "@/lib/validation/human-name";

export const ZChangeDisplayNameSchema = z.object({ name: ZHumanNameSchema({ required: "Enter a name", max: 100 }) });
export type TChangeDisplayName = z.infer<typeof ZChangeDisplayNameSchema>;

export const ZChangePasswordSchema = z.object({
  // Only checked against the stored hash, so no policy here: an old password may predate the current rules.
  currentPassword: z.string().min(1, "Enter your current password").max(200, "Use at most 200 characters"),
  newPassword: ZPasswordSchema,
});
export type TChangePassword = z.infer<typeof ZChangePasswordSchema>;

export const ZSetPasswordFromLinkSchema = z.object({ password: ZPasswordSchema });
export type TSetPasswordFromLink = z.infer<typeof ZSetPasswordFromLinkSchema>;

/** "Forgot password?": the email to send a reset link to, if it is an account's. */
export const ZRequestPasswordResetSchema = z.object({ email: ZEmailSchema });
export type TRequestPasswordReset = z.infer<typeof ZRequestPasswordResetSchema>;
