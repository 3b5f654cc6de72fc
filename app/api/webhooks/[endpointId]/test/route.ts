import { staffRoute } from "@/lib/http/staff-route";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const POST = staffRoute<undefined, { endpointId: string }>(
  { permission: "webhooks:manage" },
  async ({ staff, params }) => sendTestEvent({ staff, endpointId: params.endpointId }),
);
