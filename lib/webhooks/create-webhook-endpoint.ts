import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { newRowId } from "@/lib/db/row-id";
import { assertEndpointUrlAllowed } from "@/lib/webhooks/check-endpoint-url";
import { requireWebhookPermission } from "@/lib/webhooks/require-webhook-permission";
import { newSigningSecret, sealSigningSecret } from "@/lib/webhooks/signing-secret";
import type { TWebhookEndpointInput } from "@/lib/webhooks/webhook-endpoint-schemas";

export type CreateWebhookEndpointOptions = { staff: CurrentStaff; input: TWebhookEndpointInput };

/**
 * Adds an endpoint with a new signing secret, stored encrypted; the secret is returned this once and never
 * again. Events from now on are delivered to it.
 */
export async function createWebhookEndpoint({ staff, input }: CreateWebhookEndpointOptions) {
  requireWebhookPermission(staff, "webhooks:manage");
  assertEndpointUrlAllowed(input.url);
  const id = newRowId();
  const secret = newSigningSecret();
  const endpoint = await getDb().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        id,
        url: input.url,
        kind: input.kind,
        description: input.description,
        eventTypes: input.eventTypes.join(" "),
        environments: input.environments.join(" "),
        secretCiphertext: sealSigningSecret(secret, id),
        createdById: staff.id,
        createdByLabel: staff.email,
      },
      select: { id: true, url: true, kind: true },
    });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "webhook.endpoint_created",
        details: {
          endpointId: id,
          url: input.url,
          kind: input.kind,
          eventTypes: input.eventTypes,
          environments: input.environments,
        },
      },
      tx,
    );
    return created;
  });
  return { endpoint, secret };
}
