import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { requireEnvironmentAccess } from "@/lib/auth/require-environment-access";
import type { Database } from "@/lib/db/create-client";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { invitationIsUsable } from "@/lib/links/invitation-state";

type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

/** An invitation staff are about to change: it exists, and its environment is one they may act in. */
export async function requireInvitationAccess(staff: CurrentStaff, invitationId: string) {
  const invitation = await getDb().invitation.findUnique({ where: { id: invitationId } });
  if (!invitation) throw new AppError("NOT_FOUND", { userMessage: "No such consent link." });
  requireEnvironmentAccess(staff, invitation.environment);
  return invitation;
}

/**
 * Revokes a link inside the caller's transaction: it can no longer be opened, and a trip to MobilePay it started
 * can no longer complete (its open link transactions expire now, so their callback is refused). False when the
 * link was no longer usable (consented, expired or revoked already).
 */
export async function revokeInvitation(tx: Transaction, invitationId: string, at: Date): Promise<boolean> {
  const revoked = await tx.invitation.updateMany({
    where: { id: invitationId, status: { in: ["created", "opened", "failed"] }, expiresAt: { gt: at } },
    data: { status: "revoked", completedAt: at },
  });
  if (revoked.count === 0) return false;
  await tx.linkTransaction.updateMany({
    where: { invitationId, consumedAt: null, expiresAt: { gt: at } },
    data: { expiresAt: at },
  });
  return true;
}

/** Staff cancel a consent link that should not be used any more. */
export async function cancelInvitation({ invitationId, staff }: { invitationId: string; staff: CurrentStaff }) {
  const invitation = await requireInvitationAccess(staff, invitationId);
  if (!invitationIsUsable(invitation)) {
    throw new AppError("CONFLICT", { userMessage: "This link can no longer be used, so there is nothing to cancel." });
  }
  const at = new Date();
  await getDb().$transaction(async (tx) => {
    if (!(await revokeInvitation(tx, invitationId, at))) {
      throw new AppError("CONFLICT", { userMessage: "This link changed meanwhile; it can no longer be cancelled." });
    }
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "link.cancelled",
        environment: invitation.environment,
        merchantId: invitation.merchantId ?? undefined,
        details: { invitationId, merchantName: invitation.merchantName, vatNumber: invitation.vatNumber },
      },
      tx,
    );
  });
  return { invitationId, state: "revoked" as const };
}
