import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { endpointWants } from "@/lib/webhooks/endpoint-subscription";
import { requireWebhookPermission } from "@/lib/webhooks/require-webhook-permission";

/** A replay of "everything since" covers at most this many messages; pick a later time for more. */
const REPLAY_LIMIT = 10_000;

export type ReplayOptions = { staff: CurrentStaff; endpointId: string } & ({ deliveryId: string } | { since: Date });

/**
 * Sends messages to an endpoint again, with their original ids (receivers deduplicate by them): one
 * delivery, or every event since a time that the endpoint subscribes to — also those from before it
 * existed or while it was disabled. Each starts a fresh retry schedule.
 */
export async function replayWebhookDeliveries(options: ReplayOptions): Promise<{ replayed: number }> {
  const { staff, endpointId } = options;
  requireWebhookPermission(staff, "webhooks:manage");
  const db = getDb();
  const endpoint = await db.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: { id: true, eventTypes: true, environments: true },
  });
  if (!endpoint) throw new AppError("NOT_FOUND", { userMessage: "This webhook endpoint does not exist." });
  const now = new Date();
  const again = { status: "pending", attempts: 0, nextAttemptAt: now, deliveredAt: null };
  const replayed = await db.$transaction(async (tx) => {
    let count: number;
    if ("deliveryId" in options) {
      count = (await tx.webhookDelivery.updateMany({ where: { id: options.deliveryId, endpointId }, data: again }))
        .count;
      if (count === 0) throw new AppError("NOT_FOUND", { userMessage: "This message was not sent to this endpoint." });
    } else {
      const events = await tx.webhookEvent.findMany({
        where: { occurredAt: { gte: options.since }, fannedOutAt: { not: null }, type: { not: "webhook.test" } },
        select: { id: true, type: true, environment: true, merchantId: true, occurredAt: true },
        orderBy: { occurredAt: "asc" },
        take: REPLAY_LIMIT,
      });
      const wanted = events.filter((event) => endpointWants(endpoint, event));
      const existing = new Set(
        (
          await tx.webhookDelivery.findMany({
            where: { endpointId, eventId: { in: wanted.map((event) => event.id) } },
            select: { eventId: true },
          })
        ).map((row) => row.eventId),
      );
      await tx.webhookDelivery.updateMany({ where: { endpointId, eventId: { in: [...existing] } }, data: again });
      const missing = wanted.filter((event) => !existing.has(event.id));
      if (missing.length > 0) {
        await tx.webhookDelivery.createMany({
          data: missing.map((event) => ({
            eventId: event.id,
            endpointId,
            merchantId: event.merchantId,
            eventOccurredAt: event.occurredAt,
            nextAttemptAt: now,
          })),
        });
      }
      count = wanted.length;
    }
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "webhook.replayed",
        details: {
          endpointId,
          ...("deliveryId" in options ? { deliveryId: options.deliveryId } : { since: options.since.toISOString() }),
          messages: count,
        },
      },
      tx,
    );
    return count;
  });
  return { replayed };
}
