import "server-only";

import { randomBytes } from "node:crypto";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { LINK_TRANSACTION_TTL_SECONDS } from "@/lib/links/link-cookie";
import { openInvitation } from "@/lib/links/open-invitation";

/** Starts one trip to MobilePay for a consent link; the returned id goes into the transaction cookie. */
export async function startLinkTransaction(token: string) {
  const invitation = await openInvitation(token);
  if (invitation.kind === "unusable") {
    throw new AppError("CONFLICT", {
      message: `invitation unusable: ${invitation.reason}`,
      userMessage:
        invitation.reason === "expired"
          ? "This link has expired. Ask for a new one."
          : invitation.reason === "revoked"
            ? "This link was withdrawn. Use the newest link you were sent, or ask for a new one."
            : "This link is no longer valid. Ask for a new one.",
    });
  }
  const transactionId = randomBytes(32).toString("base64url");
  const created = await getDb().linkTransaction.create({
    data: {
      id: transactionId,
      invitationId: invitation.invitationId,
      environment: invitation.providerId.replace(/^mobilepay-/, ""),
      expiresAt: new Date(Date.now() + LINK_TRANSACTION_TTL_SECONDS * 1000),
    },
  });
  await recordAuditEvent({
    actor: { type: "merchant", label: invitation.merchantName },
    action: "link.started",
    environment: created.environment,
    details: { invitationId: invitation.invitationId },
  });
  return { transactionId, providerId: invitation.providerId };
}
