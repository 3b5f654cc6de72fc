import { z } from "zod";

import { MERCHANT_LIST_STATES } from "@/lib/merchants/merchant-list-states";

/** The merchants list's query string; anything invalid falls back to the default instead of failing the page. */
export const ZMerchantListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  environment: z.string().max(40).optional().catch(undefined),
  state: z.enum(MERCHANT_LIST_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type TMerchantListQuery = z.infer<typeof ZMerchantListQuerySchema>;
