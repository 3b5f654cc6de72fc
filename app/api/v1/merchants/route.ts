import { apiRoute } from "@/lib/api/api-route";
import { ZApiMerchantListQuerySchema } from "@/lib/api/api-merchant-schemas";
import { listApiMerchants } from "@/lib/api/list-api-merchants";

export const GET = apiRoute({ scope: "merchants:read", query: ZApiMerchantListQuerySchema }, ({ principal, query }) =>
  listApiMerchants(principal, query),
);
