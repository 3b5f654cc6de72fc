import { z } from "zod";

import { isWellFormed } from "@/lib/validation/well-formed";

/** Binary fields of a WebAuthn answer, as @simplewebauthn/browser encodes them. */
const base64Url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, "Not base64url");

const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

const credentialFields = {
  id: base64Url(1400).min(1),
  rawId: base64Url(1400).min(1),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  // Extension outputs the console asked for none of; kept only so a browser that sends some is not refused.
  clientExtensionResults: z.object({}).loose(),
};

/** What `startRegistration()` answers: a new credential and its attestation. */
export const ZPasskeyRegistrationResponseSchema = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64Url(4000),
    attestationObject: base64Url(16000),
    authenticatorData: base64Url(4000).optional(),
    transports: z.array(z.enum(TRANSPORTS)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64Url(4000).optional(),
  }),
});
export type TPasskeyRegistrationResponse = z.infer<typeof ZPasskeyRegistrationResponseSchema>;

/** What `startAuthentication()` answers: a signature over the challenge by a credential. */
export const ZPasskeyAuthenticationResponseSchema = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64Url(4000),
    authenticatorData: base64Url(4000),
    signature: base64Url(1000),
    userHandle: base64Url(200).optional(),
  }),
});
export type TPasskeyAuthenticationResponse = z.infer<typeof ZPasskeyAuthenticationResponseSchema>;

/** The name staff give a passkey, to tell their devices apart in the list. */
export const ZPasskeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the passkey a name")
  .max(60, "Keep the name under 60 characters")
  .refine(isWellFormed, "Use ordinary characters");

export const ZRegisterPasskeySchema = z.object({
  name: ZPasskeyNameSchema,
  response: ZPasskeyRegistrationResponseSchema,
});
export type TRegisterPasskey = z.infer<typeof ZRegisterPasskeySchema>;

/** Removing a passkey: a current code when the last second factor is no longer fresh. */
export const ZRemovePasskeySchema = z.object({
  secondFactorCode: z.string().trim().max(40).optional(),
});

/**
 * A passkey answer carried through next-auth's form post as JSON text; anything that does not parse is no
 * answer at all.
 */
export function parsePasskeyAnswer(text: string | undefined): TPasskeyAuthenticationResponse | null {
  if (!text) return null;
  try {
    const parsed = ZPasskeyAuthenticationResponseSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The next-auth provider a passwordless passkey sign-in posts to. */
export const PASSKEY_PROVIDER_ID = "passkey";
