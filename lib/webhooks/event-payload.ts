import type { WebhookEvent } from "@prisma/client";

export type WebhookEventPayload = {
  id: string;
  type: string;
  /** When the change happened (not when this delivery was sent: that is the webhook-timestamp header). */
  timestamp: string;
  environment: string;
  data: Record<string, unknown> & {
    merchant: { id: string | null; vatNumber: string | null; name: string | null } | null;
    consentLinkId?: string;
  };
};

type EventRow = Pick<
  WebhookEvent,
  "id" | "type" | "occurredAt" | "environment" | "merchantId" | "merchantVat" | "merchantName" | "invitationId" | "data"
>;

/**
 * The body an event is delivered with, built from its stored row alone, so every attempt and every replay
 * sends the same bytes (Standard Webhooks shape: type, timestamp, data).
 */
export function eventPayload(event: EventRow): WebhookEventPayload {
  const own = JSON.parse(event.data) as Record<string, unknown>;
  const merchant =
    event.merchantId || event.merchantVat
      ? { id: event.merchantId, vatNumber: event.merchantVat, name: event.merchantName }
      : null;
  return {
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    environment: event.environment,
    data: { merchant, ...(event.invitationId ? { consentLinkId: event.invitationId } : {}), ...own },
  };
}
