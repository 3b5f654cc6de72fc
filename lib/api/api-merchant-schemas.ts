import { z } from "zod";

import { ZVatNumberSchema } from "@/lib/links/link-schemas";

/** What a backend syncing merchants filters on: the four states it acts on, not the console's finer ones. */
export const API_MERCHANT_STATES = ["active", "degraded", "relink_needed", "unlinked"] as const;
export type ApiMerchantState = (typeof API_MERCHANT_STATES)[number];

export const ZApiMerchantListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "Merchants per page (1–200)." }),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, "Pass next_cursor from the previous page as it is")
      .optional()
      .meta({ description: "`next_cursor` of the previous page." }),
    environment: z.string().min(1).max(40).optional().meta({ description: "Only merchants of this environment." }),
    state: z.enum(API_MERCHANT_STATES).optional(),
    vat: ZVatNumberSchema.optional().meta({ description: "Only the merchant(s) with this VAT number." }),
    updated_since: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: "Only merchants whose link or details changed at or after this time (ISO 8601)." }),
  })
  .meta({ id: "MerchantListQuery" });
export type TApiMerchantListQuery = z.output<typeof ZApiMerchantListQuerySchema>;

export const ZApiMerchantIdParamsSchema = z.object({
  merchantId: z.string().min(1).max(64).meta({ description: "The console's merchant id." }),
});

export const ZApiMerchantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    vat_number: z.string(),
    environment: z.string(),
    mobilepay_merchant_id: z.string().nullable(),
    products: z.array(z.string()),
    state: z.enum(API_MERCHANT_STATES),
    connection: z.object({
      state: z
        .string()
        .meta({ description: "The console's finer state: active, expiring, refreshing, interrupted, degraded, …" }),
      failure_kind: z.enum(["transient", "terminal"]).nullable(),
      failure_reason: z.string().nullable(),
      failure_at: z.iso.datetime().nullable(),
    }),
    scopes: z.array(z.string()).meta({ description: "Scopes MobilePay granted the link." }),
    access_token_expires_at: z.iso.datetime().nullable(),
    last_refreshed_at: z.iso.datetime().nullable(),
    unlinked_at: z.iso.datetime().nullable(),
    updated_at: z.iso.datetime(),
    console_url: z.url().meta({ description: "The merchant's page in the console, for people." }),
  })
  .meta({ id: "Merchant" });
export type TApiMerchant = z.infer<typeof ZApiMerchantSchema>;

export const ZApiMerchantPageSchema = z
  .object({
    data: z.array(ZApiMerchantSchema),
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }),
  })
  .meta({ id: "MerchantPage" });

export const ZAccessTokenSchema = z
  .object({
    access_token: z.string().meta({ description: "Use as `Authorization: Bearer …` at MobilePay." }),
    token_type: z.literal("Bearer"),
    expires_at: z.iso.datetime(),
    expires_in: z.number().int().meta({ description: "Seconds left when the answer was made." }),
    scope: z.string().meta({ description: "Space separated scopes the token carries." }),
    refreshed: z.boolean().meta({ description: "Whether the console refreshed the token for this request." }),
    merchant_id: z.string(),
  })
  .meta({ id: "AccessToken" });
export type TAccessToken = z.infer<typeof ZAccessTokenSchema>;
