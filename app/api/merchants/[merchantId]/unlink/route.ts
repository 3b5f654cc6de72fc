import { staffRoute } from "@/lib/http/staff-route";
import { unlinkMerchant } from "@/lib/links/unlink-merchant";

export const POST = staffRoute<undefined, { merchantId: string }>(
  { permission: "merchants:unlink" },
  ({ staff, params }) => unlinkMerchant({ merchantId: params.merchantId, staff }),
);
