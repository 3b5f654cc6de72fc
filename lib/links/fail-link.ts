import "server-only";

import type { Prisma } from "@prisma/client";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { FINAL_INVITATION_STATUSES } from "@/lib/links/invitation-state";
import type { CheckResult } from "@/lib/mobilepay/oidc/check-result";
import { recordWebhookEvents } from "@/lib/webhooks/record-webhook-events";

export type FailLinkOptions = {
  environmentId: string;
  invitationId?: string;
  /** Specific, for staff: which check failed and why. Never shown to the merchant. */
  reason: string;
  failedCheck?: string;
  checks: CheckResult[];
  clockOffsetSeconds?: number;
  tokenEndpointStatus?: number;
  tokenEndpointError?: string;
};

/** Records a refused authorization response: nothing is stored but the record of why. */
export async function failLink(options: FailLinkOptions): Promise<void> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    await tx.callbackRecord.create({
      data: {
        invitationId: options.invitationId ?? null,
        environment: options.environmentId,
        outcome: "failed",
        failedCheck: options.failedCheck ?? null,
        checks: JSON.stringify(options.checks),
        clockOffsetSeconds: options.clockOffsetSeconds ?? null,
        tokenEndpointStatus: options.tokenEndpointStatus ?? null,
        tokenEndpointError: options.tokenEndpointError ?? null,
      },
    });
    if (options.invitationId) {
      const failed = await tx.invitation.updateMany({
        // A consented or withdrawn invitation stays so: a replayed or late callback must not reopen it.
        where: { id: options.invitationId, status: { notIn: FINAL_INVITATION_STATUSES } },
        data: { status: "failed", failureReason: options.reason, completedAt: new Date() },
      });
      if (failed.count === 1) await announceFailure(tx, options);
    }
    await recordAuditEvent(
      {
        actor: { type: "merchant", label: "authorization response" },
        action: "link.failed",
        environment: options.environmentId,
        outcome: "failure",
        details: { invitationId: options.invitationId, failedCheck: options.failedCheck, reason: options.reason },
      },
      tx,
    );
  });
}

/** consent_link.failed, with the check that failed; the merchant is the one invited (or being relinked). */
async function announceFailure(tx: Prisma.TransactionClient, options: FailLinkOptions): Promise<void> {
  const invitation = await tx.invitation.findUnique({
    where: { id: options.invitationId },
    select: { id: true, merchantId: true, vatNumber: true, merchantName: true },
  });
  if (!invitation) return;
  await recordWebhookEvents(
    tx,
    [
      {
        type: "consent_link.failed",
        environment: options.environmentId,
        merchant: invitation.merchantId ? { id: invitation.merchantId } : undefined,
        invited: { vatNumber: invitation.vatNumber, name: invitation.merchantName },
        invitationId: invitation.id,
        data: { failedCheck: options.failedCheck ?? null, reason: options.reason },
      },
    ],
    new Date(),
  );
}
