import { staffRoute } from "@/lib/http/staff-route";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { ZRotateSecretSchema } from "@/lib/webhooks/webhook-endpoint-schemas";

export const POST = staffRoute<typeof ZRotateSecretSchema, { endpointId: string }>(
  { permission: "webhooks:manage", body: ZRotateSecretSchema },
  async ({ staff, params, body }) =>
    rotateWebhookSecret({ staff, endpointId: params.endpointId, overlapHours: body.overlapHours }),
);
