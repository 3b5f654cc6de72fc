import "server-only";

import type { Database } from "@/lib/db/create-client";
import { endpointWants } from "@/lib/webhooks/endpoint-subscription";

const FAN_OUT_BATCH = 500;

/**
 * Turns new outbox events into one delivery per endpoint that wants them (by event type and
 * environment), in one transaction per batch. The events are marked first, under the condition that
 * nobody marked them yet: an instance that loses that race rolls back and creates nothing, so each
 * event fans out once. Returns how many events were fanned out.
 */
export async function fanOutEvents(db: Database, now: Date): Promise<number> {
  const events = await db.webhookEvent.findMany({
    where: { fannedOutAt: null },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    take: FAN_OUT_BATCH,
    select: { id: true, type: true, environment: true, merchantId: true, occurredAt: true },
  });
  if (events.length === 0) return 0;
  const endpoints = await db.webhookEndpoint.findMany({
    where: { enabled: true },
    select: { id: true, eventTypes: true, environments: true },
  });
  const deliveries = events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpointWants(endpoint, event))
      .map((endpoint) => ({
        eventId: event.id,
        endpointId: endpoint.id,
        merchantId: event.merchantId,
        eventOccurredAt: event.occurredAt,
        nextAttemptAt: now,
      })),
  );
  try {
    await db.$transaction(async (tx) => {
      const marked = await tx.webhookEvent.updateMany({
        where: { id: { in: events.map((event) => event.id) }, fannedOutAt: null },
        data: { fannedOutAt: now },
      });
      if (marked.count !== events.length) throw new LostFanOutRace();
      if (deliveries.length > 0) await tx.webhookDelivery.createMany({ data: deliveries });
    });
  } catch (error) {
    if (error instanceof LostFanOutRace) return 0;
    throw error;
  }
  return events.length;
}

class LostFanOutRace extends Error {}
