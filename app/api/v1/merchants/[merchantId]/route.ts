import { apiRoute } from "@/lib/api/api-route";
import { getApiMerchant } from "@/lib/api/list-api-merchants";

export const GET = apiRoute<undefined, undefined, { merchantId: string }>(
  { scope: "merchants:read" },
  ({ principal, params }) => getApiMerchant(principal, params.merchantId),
);
