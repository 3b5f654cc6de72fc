import { staffRoute } from "@/lib/http/staff-route";
import { replayWebhookDeliveries } from "@/lib/webhooks/replay-webhook-deliveries";
import { ZReplaySchema } from "@/lib/webhooks/webhook-endpoint-schemas";

export const POST = staffRoute<typeof ZReplaySchema, { endpointId: string }>(
  { permission: "webhooks:manage", body: ZReplaySchema },
  async ({ staff, params, body }) =>
    replayWebhookDeliveries(
      "deliveryId" in body
        ? { staff, endpointId: params.endpointId, deliveryId: body.deliveryId }
        : { staff, endpointId: params.endpointId, since: new Date(body.since) },
    ),
);
