import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { FINAL_INVITATION_STATUSES } from "@/lib/links/invitation-state";

/** Where a merchant whose trip to MobilePay could not start is sent: a public page, never a staff screen. */
export const LINK_UNREACHABLE_PATH = "/link/complete?outcome=unreachable";

/** What next-auth reported while it prepared the trip to MobilePay (codes and masked messages only). */
export const linkStartErrors = new AsyncLocalStorage<string[]>();

export type LinkStartFailure = {
  environmentId: string;
  invitationId: string;
  merchantName: string;
  /** The merchant a relink is for; a first link has none yet. */
  merchantId: string | null;
  /** What went wrong, for staff: next-auth's code and the network error, never a secret. */
  detail: string;
  at: Date;
};

/** The words staff read on the invitation; the time is shown beside them in the viewer's zone. */
export function unreachableReason(detail: string): string {
  return `MobilePay could not be reached when the merchant pressed "Continue to MobilePay" (${detail}). Check the environment's discovery URL and that MobilePay is up; the merchant may use the same link again.`;
}

/**
 * Records that the merchant's trip to MobilePay could not start (MobilePay unreachable, or the environment
 * misconfigured): the invitation says so with the time, and stays usable for another try.
 */
export async function recordLinkStartFailure(failure: LinkStartFailure): Promise<void> {
  const reason = unreachableReason(failure.detail);
  await getDb().$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { id: failure.invitationId, status: { notIn: FINAL_INVITATION_STATUSES } },
      data: { status: "failed", failureReason: reason, completedAt: failure.at },
    });
    await recordAuditEvent(
      {
        actor: { type: "merchant", label: failure.merchantName },
        action: "link.failed",
        environment: failure.environmentId,
        merchantId: failure.merchantId ?? undefined,
        outcome: "failure",
        details: { invitationId: failure.invitationId, stage: "start", reason },
      },
      tx,
    );
  });
}
