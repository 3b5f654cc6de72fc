import { z } from "zod";

import { isWellFormed } from "@/lib/validation/well-formed";

/**
 * What a sign-in may carry before anything is looked up. Ill-formed text (a lone surrogate, possible only in a
 * JSON body) could never match an account and cannot be written to the throttle or the audit log, so it is
 * refused like a wrong password, before it reaches the database.
 */
export const ZSignInCredentialsSchema = z.object({
  email: z.string().refine(isWellFormed),
  password: z.string().refine(isWellFormed),
  /** A six-digit TOTP code or a recovery code, for accounts with a second factor. */
  code: z.string().max(64).refine(isWellFormed).optional(),
  /** Or a passkey's answer to a sign-in challenge, as JSON text, for accounts with a passkey. */
  passkey: z.string().max(20_000).refine(isWellFormed).optional(),
});
export type TSignInCredentials = z.infer<typeof ZSignInCredentialsSchema>;
