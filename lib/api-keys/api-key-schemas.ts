import { z } from "zod";

import { API_KEY_SCOPES } from "@/lib/api-keys/api-key-scopes";
import { ZHumanNameSchema } from "@/lib/validation/human-name";

/** Origins only (scheme, host, port): a consent link may send the merchant back anywhere under them. */
const ZReturnOriginSchema = z
  .url({ protocol: /^https?$/, error: "Use an origin such as https://billing.example.com" })
  .transform((value) => new URL(value).origin);

/** What an admin fills in to create a key; the form and the route validate with this one schema. */
export const ZCreateApiKeySchema = z.object({
  name: ZHumanNameSchema({ required: "Name the system that will use this key", max: 80 }),
  environments: z
    .array(z.string().min(1).max(40), { error: "Choose at least one environment" })
    .min(1, "Choose at least one environment")
    .max(3)
    .transform((environments) => [...new Set(environments)].sort()),
  scopes: z
    .array(z.enum(API_KEY_SCOPES), { error: "Choose at least one scope" })
    .min(1, "Choose at least one scope")
    .transform((scopes) => [...new Set(scopes)].sort()),
  /** A date (YYYY-MM-DD): the key works until the end of that day, UTC. */
  expiresOn: z
    .union([z.literal(""), z.iso.date({ error: "Use a date such as 2027-01-31" })])
    .optional()
    .transform((value) => (value ? new Date(`${value}T23:59:59.999Z`) : null))
    .refine((value) => value === null || value.getTime() > Date.now(), "Choose a date in the future"),
  returnUrlOrigins: z.array(ZReturnOriginSchema).max(10).default([]),
});
export type TCreateApiKey = z.infer<typeof ZCreateApiKeySchema>;
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeySchema>;
