import { staffRoute } from "@/lib/http/staff-route";
import { ensureUsableToken } from "@/lib/tokens/ensure-usable-token";

export const POST = staffRoute<undefined, { merchantId: string }>(
  { permission: "merchants:refresh" },
  ({ staff, params }) => ensureUsableToken({ merchantId: params.merchantId, staff }),
);
