import "server-only";

import type { Prisma } from "@prisma/client";

import { bindMarker } from "@/lib/db/bind-marker";
import type { LinkToStore } from "@/lib/links/store-link";
import { announcedLinkState, type AnnouncedLinkState } from "@/lib/webhooks/event-types";
import type { WebhookEventInput } from "@/lib/webhooks/record-webhook-events";

/**
 * What an accepted consent announces: the consent link's outcome, the merchant linked or relinked, and, when
 * the merchant was failing or unlinked before, its way back to active. Read inside the storing transaction
 * before anything is written, so "from" is the state the consent replaced.
 */
export async function linkEvents(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
  link: LinkToStore,
): Promise<WebhookEventInput[]> {
  const { merchant } = link;
  const common = {
    environment: link.environmentId,
    merchant: { id: merchant.id, vatNumber: merchant.vatNumber, name: merchant.name },
    invitationId: link.invitationId,
  };
  const relink = link.relink ?? merchant.stored;
  const events: WebhookEventInput[] = [
    { ...common, type: "consent_link.consented", data: { relink } },
    { ...common, type: relink ? "merchant.relinked" : "merchant.linked", data: { products: merchant.products } },
  ];
  const before = merchant.stored ? await stateBefore(tx, merchant.id) : undefined;
  if (before && before !== "active") {
    events.push({ ...common, type: "merchant.state_changed", data: { from: before, to: "active", trigger: "relink" } });
    if (before !== "revoked") events.push({ ...common, type: "merchant.recovered", data: { from: before } });
  }
  return events;
}

async function stateBefore(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
  merchantId: string,
): Promise<AnnouncedLinkState | undefined> {
  const [row] = await tx.$queryRawUnsafe<{ unlinkedAt: unknown; failureKind: string | null; hasSet: unknown }[]>(
    `SELECT m."unlinkedAt" AS "unlinkedAt", t."failureKind" AS "failureKind", t."id" AS "hasSet"
     FROM "Merchant" m LEFT JOIN "MerchantTokenSet" t ON t."merchantId" = m."id" WHERE m."id" = ${bindMarker(1)}`,
    merchantId,
  );
  if (!row) return undefined;
  if (!row.hasSet) return row.unlinkedAt ? "revoked" : undefined;
  return announcedLinkState(row.failureKind);
}
