import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireWebhookPermission } from "@/lib/webhooks/require-webhook-permission";

/** How many of an endpoint's latest messages its page shows. */
const MESSAGES_SHOWN = 50;

const ENDPOINT_FIELDS = {
  id: true,
  url: true,
  kind: true,
  description: true,
  eventTypes: true,
  environments: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  failingSince: true,
  lastSuccessAt: true,
  previousSecretExpiresAt: true,
  createdByLabel: true,
  createdAt: true,
} as const;

/** Every endpoint, for the endpoints page (never a secret). */
export async function listWebhookEndpoints(staff: CurrentStaff) {
  requireWebhookPermission(staff, "webhooks:read");
  return getDb().webhookEndpoint.findMany({ select: ENDPOINT_FIELDS, orderBy: { createdAt: "asc" } });
}

/** One endpoint with its latest messages and each message's attempts. */
export async function getWebhookEndpointDetail(staff: CurrentStaff, endpointId: string) {
  requireWebhookPermission(staff, "webhooks:read");
  const db = getDb();
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: ENDPOINT_FIELDS });
  if (!endpoint) throw new AppError("NOT_FOUND", { userMessage: "This webhook endpoint does not exist." });
  const deliveries = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { eventOccurredAt: "desc" }],
    take: MESSAGES_SHOWN,
    select: {
      id: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      deliveredAt: true,
      event: { select: { id: true, type: true, occurredAt: true, merchantName: true, merchantVat: true } },
      attemptLog: {
        orderBy: { attemptedAt: "desc" },
        select: {
          id: true,
          attemptedAt: true,
          outcome: true,
          statusCode: true,
          latencyMs: true,
          responseBody: true,
          error: true,
          trigger: true,
        },
      },
    },
  });
  return { endpoint, deliveries };
}
