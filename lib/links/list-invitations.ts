import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import { getDb } from "@/lib/db/client";
import { invitationState } from "@/lib/links/invitation-state";

type InvitationRow = {
  id: string;
  merchantName: string;
  vatNumber: string;
  products: string;
  environment: string;
  status: string;
  failureReason: string | null;
  expiresAt: Date;
  createdAt: Date;
  createdByLabel: string;
  merchantId: string | null;
};

/** The newest consent links with their derived state; shown on the merchants list, so a fixed statement. */
export async function listInvitations({ take = 50 }: { take?: number } = {}) {
  const now = new Date();
  const invitations = await getDb().$queryRawUnsafe<InvitationRow[]>(
    `SELECT "id", "merchantName", "vatNumber", "products", "environment", "status", "failureReason", "expiresAt",
      "createdAt", "createdByLabel", "merchantId"
    FROM "Invitation" ORDER BY "createdAt" DESC, "id" DESC LIMIT ${bindMarker(1)}`,
    take,
  );
  return invitations.map((invitation) => ({ ...invitation, state: invitationState(invitation, now) }));
}
