import { requireVisibleMerchant } from "@/lib/auth/require-environment-access";
import { staffRoute } from "@/lib/http/staff-route";
import { getConnectionStatus } from "@/lib/tokens/get-connection-status";

export const dynamic = "force-dynamic";

export const GET = staffRoute<undefined, { merchantId: string }>(
  { permission: "merchants:read" },
  async ({ staff, params }) => {
    await requireVisibleMerchant(staff, params.merchantId);
    return getConnectionStatus(params.merchantId);
  },
);
