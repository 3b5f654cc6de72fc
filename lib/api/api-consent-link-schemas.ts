import { z } from "zod";

import { ZCreateInvitationSchema, ZVatNumberSchema } from "@/lib/links/link-schemas";
import { ZProductSchema } from "@/lib/mobilepay/environment-config";

export const ZCreateConsentLinkSchema = z
  .object({
    merchant_name: ZCreateInvitationSchema.shape.merchantName,
    vat_number: ZVatNumberSchema,
    products: z.array(ZProductSchema).min(1).max(2).meta({ description: "invoice, subscriptions or both." }),
    environment: z.string().min(1).max(40).meta({ description: "One of the key's environments." }),
    return_url: z
      .url({ protocol: /^https?$/ })
      .max(2_000)
      .optional()
      .meta({
        description:
          "Where your onboarding page wants the merchant back; its origin must be on the key's list. Once the consent " +
          "has ended the merchant is sent to exactly this URL with `consent_link_id`, `status` (`consented` or " +
          "`failed`) and, when failed, `error`: access_denied (the merchant cancelled at MobilePay), mobilepay_error, " +
          "merchant_mismatch (consented for another VAT number), token_exchange_failed, verification_failed or " +
          "link_failed. Read the outcome with GET /consent-links/{id} before acting on it: anyone can open a URL.",
      }),
  })
  .meta({ id: "CreateConsentLink" });
export type TCreateConsentLink = z.output<typeof ZCreateConsentLinkSchema>;

export const CONSENT_LINK_STATES = ["created", "opened", "consented", "failed", "expired", "revoked"] as const;

export const ZConsentLinkSchema = z
  .object({
    id: z.string(),
    url: z
      .url()
      .nullable()
      .meta({ description: "The link to send the merchant; only in the answer that created it (it is never stored)." }),
    state: z.enum(CONSENT_LINK_STATES),
    failure_reason: z.string().nullable(),
    merchant_name: z.string(),
    vat_number: z.string(),
    products: z.array(z.string()),
    environment: z.string(),
    return_url: z.string().nullable(),
    merchant_id: z.string().nullable().meta({ description: "The linked merchant, once consented." }),
    expires_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "ConsentLink" });
export type TConsentLink = z.infer<typeof ZConsentLinkSchema>;

export const ZConsentLinkIdParamsSchema = z.object({ consentLinkId: z.string().min(1).max(64) });
