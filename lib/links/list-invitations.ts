import "server-only";

import { boundValues } from "@/lib/db/bind-marker";
import { getDb } from "@/lib/db/client";
import { fixedRead } from "@/lib/db/fixed-read";
import { oneOfCondition } from "@/lib/db/one-of-condition";
import { invitationIsQuiet, invitationState } from "@/lib/links/invitation-state";

type InvitationRow = {
  id: string;
  merchantName: string;
  vatNumber: string;
  products: string;
  environment: string;
  status: string;
  failureReason: string | null;
  expiresAt: Date;
  openedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  createdByLabel: string;
  merchantId: string | null;
};

/** The newest consent links with their derived state; shown on the merchants list, so a fixed statement. */
export async function listInvitations({
  take = 50,
  environments = null,
}: { take?: number; environments?: string[] | null } = {}) {
  const now = new Date();
  const { values, bind } = boundValues();
  const where = environments ? `WHERE ${oneOfCondition(`"environment"`, environments, bind)}` : "";
  const invitations = await fixedRead<InvitationRow>(
    getDb(),
    `SELECT "id", "merchantName", "vatNumber", "products", "environment", "status", "failureReason", "expiresAt",
      "openedAt", "completedAt", "createdAt", "createdByLabel", "merchantId"
    FROM "Invitation" ${where} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${bind(take)}`,
    ...values,
  );
  return invitations.map((invitation) => ({
    ...invitation,
    state: invitationState(invitation, now),
    /** Opened a while ago with no answer from MobilePay: staff are shown the likely causes. */
    quiet: invitationIsQuiet(invitation, now),
  }));
}
