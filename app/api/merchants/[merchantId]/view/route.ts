import { staffRoute } from "@/lib/http/staff-route";
import { getMerchantDetail } from "@/lib/merchants/get-merchant-detail";

export const dynamic = "force-dynamic";

/**
 * Everything on the merchant page that can change, in one answer: the page polls it and asks again after every
 * action, so its header, connection, timeline, lineage, tokens table and buttons always agree. Masks and
 * fingerprints only; no token value leaves the server.
 */
export const GET = staffRoute<undefined, { merchantId: string }>(
  { permission: "merchants:read" },
  async ({ staff, params }) => getMerchantDetail(params.merchantId, staff),
);
