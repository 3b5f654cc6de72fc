import { staffRoute } from "@/lib/http/staff-route";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { ZWebhookEndpointInputSchema } from "@/lib/webhooks/webhook-endpoint-schemas";

export const GET = staffRoute({ permission: "webhooks:read" }, async ({ staff }) => ({
  endpoints: await listWebhookEndpoints(staff),
}));

export const POST = staffRoute(
  { permission: "webhooks:manage", body: ZWebhookEndpointInputSchema },
  async ({ body, staff }) => createWebhookEndpoint({ staff, input: body }),
);
