import { staffRoute } from "@/lib/http/staff-route";
import { getMerchantsOverview } from "@/lib/merchants/get-merchants-overview";
import { ZMerchantListQuerySchema } from "@/lib/merchants/merchant-list-schemas";

export const dynamic = "force-dynamic";

/** The merchants list's changeable state for its filters (the page's query string): polled by the list page. */
export const GET = staffRoute({ permission: "merchants:read" }, async ({ request, staff }) =>
  getMerchantsOverview(ZMerchantListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams)), staff),
);
