/**
 * The events the console announces. Names follow Standard Webhooks: dot-separated, one schema per type.
 * Shared by the server (outbox, delivery) and the endpoints page (the type picker).
 */
export const WEBHOOK_EVENT_TYPES = [
  "merchant.linked",
  "merchant.relinked",
  "merchant.unlinked",
  "merchant.state_changed",
  "merchant.recovered",
  "consent_link.consented",
  "consent_link.failed",
  "consent_link.expired",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "send test event", so a receiver can be tried without a real change. */
export const TEST_EVENT_TYPE = "webhook.test";

/** A link's state as events name it: the connection states a receiver can act on. */
export type AnnouncedLinkState = "active" | "degraded" | "relink_needed" | "revoked";

/** What a token set's refresh bookkeeping (failureKind) means for the link, in the events' words. */
export function announcedLinkState(failureKind: string | null): AnnouncedLinkState {
  if (failureKind === "terminal") return "relink_needed";
  if (failureKind === "transient") return "degraded";
  return "active";
}
