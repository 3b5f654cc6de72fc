import "server-only";

import type { Database } from "@/lib/db/create-client";
import { recordWebhookEvents } from "@/lib/webhooks/record-webhook-events";

/**
 * Consent links that expired longer ago than this are not announced (e.g. on the first start after an upgrade).
 * Their events' dedup keys must be kept at least this long after the announcement.
 */
export const EXPIRY_LOOKBACK_MS = 7 * 24 * 3600_000;
const BATCH = 200;

/**
 * A consent link's expiry is derived from its time (no row changes when it passes), so the delivery worker
 * announces it: each expired, unused link once, whichever instance notices first (the event's dedup key).
 */
export async function announceExpiredConsentLinks(db: Database, now: Date): Promise<number> {
  const expired = await db.invitation.findMany({
    where: {
      status: { in: ["created", "opened"] },
      expiresAt: { lte: now, gt: new Date(now.getTime() - EXPIRY_LOOKBACK_MS) },
    },
    select: { id: true, environment: true, merchantId: true, vatNumber: true, merchantName: true, expiresAt: true },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
  });
  if (expired.length === 0) return 0;
  const keys = expired.map((invitation) => expiryKey(invitation.id));
  const announced = new Set(
    (await db.webhookEvent.findMany({ where: { dedupKey: { in: keys } }, select: { dedupKey: true } })).map(
      (event) => event.dedupKey,
    ),
  );
  const fresh = expired.filter((invitation) => !announced.has(expiryKey(invitation.id)));
  if (fresh.length === 0) return 0;
  await db.$transaction(async (tx) =>
    recordWebhookEvents(
      tx,
      fresh.map((invitation) => ({
        type: "consent_link.expired",
        environment: invitation.environment,
        merchant: invitation.merchantId ? { id: invitation.merchantId } : undefined,
        invited: { vatNumber: invitation.vatNumber, name: invitation.merchantName },
        invitationId: invitation.id,
        data: { expiredAt: invitation.expiresAt.toISOString() },
        dedupKey: expiryKey(invitation.id),
      })),
      now,
    ),
  );
  return fresh.length;
}

const expiryKey = (invitationId: string) => `consent_link.expired:${invitationId}`;
