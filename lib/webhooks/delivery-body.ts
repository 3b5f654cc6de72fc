import type { WebhookEventPayload } from "@/lib/webhooks/event-payload";

/** The bytes an endpoint of a kind receives for an event. */
export function deliveryBody(kind: string, payload: WebhookEventPayload): string {
  return JSON.stringify(payload);
}
