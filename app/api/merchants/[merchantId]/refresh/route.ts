import { staffRoute } from "@/lib/http/staff-route";
import { refreshNow } from "@/lib/tokens/refresh-now";

export const POST = staffRoute<undefined, { merchantId: string }>(
  { permission: "merchants:refresh" },
  ({ staff, params }) => refreshNow({ merchantId: params.merchantId, staff }),
);
