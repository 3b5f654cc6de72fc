import { requireVisibleMerchant } from "@/lib/auth/require-environment-access";
import { listSampleCalls } from "@/lib/calls/list-sample-calls";
import { runSampleCall } from "@/lib/calls/run-sample-call";
import { ZRunSampleCallSchema } from "@/lib/calls/sample-call-request";
import { staffRoute } from "@/lib/http/staff-route";

export const GET = staffRoute<undefined, { merchantId: string }>(
  { permission: "merchants:read" },
  async ({ staff, params }) => {
    await requireVisibleMerchant(staff, params.merchantId);
    return listSampleCalls(params.merchantId);
  },
);

export const POST = staffRoute<typeof ZRunSampleCallSchema, { merchantId: string }>(
  { permission: "calls:run", body: ZRunSampleCallSchema },
  ({ staff, params, body }) =>
    runSampleCall({ merchantId: params.merchantId, staff, operationId: body.operation, values: body.values }),
);
