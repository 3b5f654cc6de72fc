import "server-only";

import { randomUUID } from "node:crypto";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { DELIVERY_LEASE_MS } from "@/lib/webhooks/claim-deliveries";
import { deliverClaimed } from "@/lib/webhooks/deliver-webhooks";
import { TEST_EVENT_TYPE } from "@/lib/webhooks/event-types";
import { newEventId } from "@/lib/webhooks/record-webhook-events";
import { requireWebhookPermission } from "@/lib/webhooks/require-webhook-permission";

/**
 * Sends a webhook.test event to one endpoint now, signed like every other message, and reports the
 * attempt. It is a message of its own (retried like others if it fails), shown in the endpoint's list.
 */
export async function sendTestEvent({ staff, endpointId }: { staff: CurrentStaff; endpointId: string }) {
  requireWebhookPermission(staff, "webhooks:manage");
  const db = getDb();
  const endpoint = await db.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: { id: true, enabled: true },
  });
  if (!endpoint) throw new AppError("NOT_FOUND", { userMessage: "This webhook endpoint does not exist." });
  if (!endpoint.enabled) throw new AppError("CONFLICT", { userMessage: "Enable the endpoint before testing it." });
  const now = new Date();
  const owner = `test:${randomUUID()}`;
  const eventId = newEventId();
  const delivery = await db.$transaction(async (tx) => {
    await tx.webhookEvent.create({
      data: {
        id: eventId,
        type: TEST_EVENT_TYPE,
        occurredAt: now,
        environment: "console",
        data: JSON.stringify({ sentBy: staff.email, note: "A test event from the console; nothing changed." }),
        fannedOutAt: now,
      },
    });
    const created = await tx.webhookDelivery.create({
      data: {
        eventId,
        endpointId,
        eventOccurredAt: now,
        nextAttemptAt: now,
        leaseOwner: owner,
        leaseUntil: new Date(now.getTime() + DELIVERY_LEASE_MS),
      },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "webhook.test_sent",
        details: { endpointId, messageId: eventId },
      },
      tx,
    );
    return created;
  });
  const outcome = await deliverClaimed(db, delivery.id, owner, { trigger: "test" });
  return { messageId: eventId, outcome };
}
