import { staffRoute } from "@/lib/http/staff-route";
import { ZRelinkSchema } from "@/lib/links/link-schemas";
import { relinkMerchant } from "@/lib/links/relink-merchant";

export const POST = staffRoute<typeof ZRelinkSchema, { merchantId: string }>(
  { permission: "merchants:link", body: ZRelinkSchema },
  ({ staff, params, body }) => relinkMerchant({ merchantId: params.merchantId, products: body.products, staff }),
);
