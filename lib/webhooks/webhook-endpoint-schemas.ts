import { z } from "zod";

import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

export const WEBHOOK_ENDPOINT_KINDS = ["generic", "slack"] as const;

/** An endpoint's settings, each as given (no defaults: a change names only what it changes). */
const endpointFields = {
  url: z.url({ protocol: /^https?$/, message: "Enter an http(s) URL." }).max(2_000),
  kind: z.enum(WEBHOOK_ENDPOINT_KINDS),
  description: z.string().trim().max(200),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length),
  environments: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(20),
};

/** What staff give for an endpoint; shared by the form and the route. Empty lists mean "all". */
export const ZWebhookEndpointInputSchema = z.object({
  url: endpointFields.url,
  kind: endpointFields.kind.default("generic"),
  description: endpointFields.description.default(""),
  eventTypes: endpointFields.eventTypes.default([]),
  environments: endpointFields.environments.default([]),
});
export type TWebhookEndpointInput = z.infer<typeof ZWebhookEndpointInputSchema>;

/** A change to an endpoint: what is left out stays as it is (the creation defaults must not fill it in). */
export const ZWebhookEndpointUpdateSchema = z
  .object(endpointFields)
  .partial()
  .extend({ enabled: z.boolean().optional() });
export type TWebhookEndpointUpdate = z.infer<typeof ZWebhookEndpointUpdateSchema>;

export const ZRotateSecretSchema = z.object({
  /** How long the old secret keeps signing, in hours (0 ends it at once). */
  overlapHours: z.number().int().min(0).max(168).default(24),
});

export const ZReplaySchema = z.union([
  z.object({ deliveryId: z.string().min(1).max(100) }),
  z.object({ since: z.iso.datetime({ offset: true }) }),
]);
