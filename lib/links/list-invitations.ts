import "server-only";

import { getDb } from "@/lib/db/client";
import { invitationState } from "@/lib/links/invitation-state";

export async function listInvitations({ take = 50 }: { take?: number } = {}) {
  const now = new Date();
  const invitations = await getDb().invitation.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      merchantName: true,
      vatNumber: true,
      products: true,
      environment: true,
      status: true,
      failureReason: true,
      expiresAt: true,
      createdAt: true,
      createdByLabel: true,
      merchantId: true,
    },
  });
  return invitations.map((invitation) => ({ ...invitation, state: invitationState(invitation, now) }));
}
