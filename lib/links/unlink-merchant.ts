import "server-only";

import { requireMerchantAccess } from "@/lib/auth/require-environment-access";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { revokeToken } from "@/lib/mobilepay/oidc/token-endpoint-client";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";
import { readTokenSet } from "@/lib/tokens/read-token-set";
import { announcedLinkState } from "@/lib/webhooks/event-types";
import { recordWebhookEvents } from "@/lib/webhooks/record-webhook-events";

/**
 * Revokes the merchant's refresh token at MobilePay, then deletes the token
 * set. The merchant, its history and its audit trail stay. If MobilePay cannot
 * be reached the tokens are kept, so the grant is never left alive unseen.
 */
export async function unlinkMerchant({ merchantId, staff }: { merchantId: string; staff: CurrentStaff }) {
  const db = getDb();
  const { environment } = await requireMerchantAccess(staff, merchantId);
  const tokens = await readTokenSet(merchantId);
  if (!tokens) throw new AppError("CONFLICT", { userMessage: "This merchant has no tokens to unlink." });

  const { metadata } = await getProviderMetadata(environment);
  let revokedAtOp = false;
  if (metadata.revocation_endpoint) {
    try {
      await revokeToken({
        revocationEndpoint: metadata.revocation_endpoint,
        clientId: environment.clientId,
        clientSecret: environment.clientSecret,
        token: tokens.refreshToken,
        tokenTypeHint: "refresh_token",
      });
      revokedAtOp = true;
    } catch (error) {
      await recordAuditEvent({
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "link.unlink_failed",
        environment: environment.id,
        merchantId,
        outcome: "failure",
        details: { reason: error instanceof Error ? error.message : "unknown" },
      });
      throw new AppError("UPSTREAM_UNAVAILABLE", {
        userMessage: "MobilePay's revocation endpoint could not be reached, so nothing was deleted. Try again.",
      });
    }
  }
  await db.$transaction(async (tx) => {
    const removed = await tx.merchantTokenSet.delete({ where: { merchantId }, select: { failureKind: true } });
    const unlinkedAt = new Date();
    const common = { environment: environment.id, merchant: { id: merchantId } };
    await recordWebhookEvents(
      tx,
      [
        { ...common, type: "merchant.unlinked", data: { revokedAtOp, by: "staff" } },
        {
          ...common,
          type: "merchant.state_changed",
          data: { from: announcedLinkState(removed.failureKind), to: "revoked", trigger: "unlink" },
        },
      ],
      unlinkedAt,
    );
    await tx.merchant.update({
      where: { id: merchantId },
      data: { unlinkedAt: new Date(), lastActivityAt: new Date() },
    });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "link.unlinked",
        environment: environment.id,
        merchantId,
        details: { revokedAtOp, refreshTokenFingerprint: tokens.refreshTokenFingerprint },
      },
      tx,
    );
  });
  return { revokedAtOp };
}
