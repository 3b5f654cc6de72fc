import { staffRoute } from "@/lib/http/staff-route";
import { getConnectionStatus } from "@/lib/tokens/get-connection-status";

export const dynamic = "force-dynamic";

export const GET = staffRoute<undefined, { merchantId: string }>({ permission: "merchants:read" }, ({ params }) =>
  getConnectionStatus(params.merchantId),
);
