import { staffRoute } from "@/lib/http/staff-route";
import { getWebhookEndpointDetail } from "@/lib/webhooks/list-webhook-endpoints";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import { ZWebhookEndpointUpdateSchema } from "@/lib/webhooks/webhook-endpoint-schemas";

type Params = { endpointId: string };

export const GET = staffRoute<undefined, Params>({ permission: "webhooks:read" }, async ({ staff, params }) =>
  getWebhookEndpointDetail(staff, params.endpointId),
);

export const PATCH = staffRoute<typeof ZWebhookEndpointUpdateSchema, Params>(
  { permission: "webhooks:manage", body: ZWebhookEndpointUpdateSchema },
  async ({ staff, params, body }) => updateWebhookEndpoint({ staff, endpointId: params.endpointId, input: body }),
);
