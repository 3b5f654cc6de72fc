import { z } from "zod";

import { ZPasskeyAuthenticationResponseSchema } from "@/lib/auth/passkey-schemas";

/** Shared by the reveal form and its route: which token, and why staff need to see it. */
export const ZRevealTokenSchema = z.object({
  token: z.enum(["access", "refresh", "id"]),
  reason: z
    .string()
    .trim()
    .min(10, "Give a reason of at least 10 characters; it is kept in the audit log.")
    .max(500, "Keep the reason under 500 characters."),
  /** Asked for when the staff member's last second factor is older than a few minutes. */
  secondFactorCode: z.string().trim().max(40).optional(),
  /** Or a passkey's answer to a challenge from the passkey confirmation route. */
  secondFactorPasskey: ZPasskeyAuthenticationResponseSchema.optional(),
});

export type TRevealTokenSchema = z.infer<typeof ZRevealTokenSchema>;

/** How long the browser keeps a revealed value before clearing it. */
export const REVEAL_VISIBLE_SECONDS = 30;

export type RevealTokenResponse = { value: string; fingerprint: string; visibleForSeconds: number };
