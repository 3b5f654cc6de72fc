import { z } from "zod";

import { VAT_NUMBER_FORMAT } from "@/lib/links/vat-number";
import { ZProductSchema } from "@/lib/mobilepay/environment-config";
import { ZHumanNameSchema } from "@/lib/validation/human-name";

export const ZVatNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(VAT_NUMBER_FORMAT, "Use DK or FI followed by 8 digits, e.g. DK12345678");

export const ZCreateInvitationSchema = z.object({
  merchantName: ZHumanNameSchema({ required: "Enter the merchant's name", max: 120 }),
  vatNumber: ZVatNumberSchema,
  products: z
    .array(ZProductSchema, { error: "Choose Invoice, Subscriptions or both" })
    .min(1, "Choose Invoice, Subscriptions or both")
    .max(2)
    .transform((products) => [...new Set(products)].sort()),
  environment: z.string().min(1, "Choose an environment").max(40),
});
export type TCreateInvitation = z.infer<typeof ZCreateInvitationSchema>;

export const ZRelinkSchema = z.object({
  products: ZCreateInvitationSchema.shape.products,
});
