import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";

/** A merchant a consent may update instead of creating one. */
export type StoredMerchantRef = { id: string; mobilePayId: string | null };

/** What a consent is checked against and stored with. */
export type LinkInvitation = {
  id: string;
  merchantName: string;
  vatNumber: string;
  products: string;
  createdByLabel: string;
  /** The merchant a relink invitation was made for. */
  relinkedMerchant: StoredMerchantRef | null;
  /** A merchant already stored for the MobilePay merchant that consented (linked once, maybe unlinked since). */
  knownMerchant: StoredMerchantRef | null;
};

type Row = Omit<LinkInvitation, "relinkedMerchant" | "knownMerchant"> & {
  relinkedId: string | null;
  relinkedMobilePayId: string | null;
  knownId: string | null;
  knownMobilePayId: string | null;
};

/**
 * Reads the invitation behind a callback together with the merchants the consent could update, in one
 * fixed statement (as Prisma 6 model queries, an invitation with its merchant and the lookup by MobilePay
 * id cost three compiled queries on the callback's path).
 */
export async function readLinkInvitation(
  db: Database,
  query: { invitationId: string; environmentId: string; mobilePayId: string | undefined },
): Promise<LinkInvitation | null> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT i."id", i."merchantName", i."vatNumber", i."products", i."createdByLabel",
      r."id" AS "relinkedId", r."mobilePayId" AS "relinkedMobilePayId",
      k."id" AS "knownId", k."mobilePayId" AS "knownMobilePayId"
    FROM "Invitation" i
    LEFT JOIN "Merchant" r ON r."id" = i."merchantId"
    LEFT JOIN "Merchant" k ON k."environment" = ${bindMarker(1)} AND k."mobilePayId" = ${bindMarker(2)}
    WHERE i."id" = ${bindMarker(3)}`,
    query.environmentId,
    query.mobilePayId ?? null,
    query.invitationId,
  );
  const row = rows[0];
  if (!row) return null;
  const { relinkedId, relinkedMobilePayId, knownId, knownMobilePayId, ...invitation } = row;
  return {
    ...invitation,
    relinkedMerchant: relinkedId ? { id: relinkedId, mobilePayId: relinkedMobilePayId } : null,
    knownMerchant: knownId ? { id: knownId, mobilePayId: knownMobilePayId } : null,
  };
}
