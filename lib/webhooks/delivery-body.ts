import type { WebhookEventPayload } from "@/lib/webhooks/event-payload";
import { slackMessage } from "@/lib/webhooks/slack-message";

/** The bytes an endpoint of a kind receives for an event: the event as JSON, or a readable Slack message. */
export function deliveryBody(kind: string, payload: WebhookEventPayload, consoleUrl: string): string {
  return JSON.stringify(kind === "slack" ? slackMessage(payload, consoleUrl) : payload);
}
