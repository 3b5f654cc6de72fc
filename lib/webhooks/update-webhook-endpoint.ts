import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertEndpointUrlAllowed } from "@/lib/webhooks/check-endpoint-url";
import { requireWebhookPermission } from "@/lib/webhooks/require-webhook-permission";
import type { TWebhookEndpointUpdate } from "@/lib/webhooks/webhook-endpoint-schemas";

export type UpdateWebhookEndpointOptions = { staff: CurrentStaff; endpointId: string; input: TWebhookEndpointUpdate };

/** Changes an endpoint's settings, or disables / enables it (a staff disable names who did it). */
export async function updateWebhookEndpoint({ staff, endpointId, input }: UpdateWebhookEndpointOptions) {
  requireWebhookPermission(staff, "webhooks:manage");
  if (input.url) assertEndpointUrlAllowed(input.url);
  const now = new Date();
  await getDb().$transaction(async (tx) => {
    const existing = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } });
    if (!existing) throw new AppError("NOT_FOUND", { userMessage: "This webhook endpoint does not exist." });
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes.join(" ") } : {}),
        ...(input.environments !== undefined ? { environments: input.environments.join(" ") } : {}),
        ...(input.enabled === true
          ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null }
          : {}),
        ...(input.enabled === false
          ? { enabled: false, disabledReason: `Disabled by ${staff.email}.`, disabledAt: now }
          : {}),
      },
    });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action:
          input.enabled === false
            ? "webhook.endpoint_disabled"
            : input.enabled === true
              ? "webhook.endpoint_enabled"
              : "webhook.endpoint_updated",
        details: { endpointId, changed: Object.keys(input) },
      },
      tx,
    );
  });
}
