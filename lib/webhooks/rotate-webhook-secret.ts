import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireWebhookPermission } from "@/lib/webhooks/require-webhook-permission";
import { newSigningSecret, openSigningSecret, sealSigningSecret } from "@/lib/webhooks/signing-secret";

export type RotateWebhookSecretOptions = { staff: CurrentStaff; endpointId: string; overlapHours: number; now?: Date };

/**
 * Gives an endpoint a new signing secret (returned this once). The old one keeps signing beside it for
 * the overlap, so the receiver can switch to the new secret without a message failing verification.
 */
export async function rotateWebhookSecret({
  staff,
  endpointId,
  overlapHours,
  now = new Date(),
}: RotateWebhookSecretOptions) {
  requireWebhookPermission(staff, "webhooks:manage");
  const secret = newSigningSecret();
  await getDb().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({
      where: { id: endpointId },
      select: { id: true, secretCiphertext: true },
    });
    if (!endpoint) throw new AppError("NOT_FOUND", { userMessage: "This webhook endpoint does not exist." });
    const overlapEnds = new Date(now.getTime() + overlapHours * 3600_000);
    const current = openSigningSecret(endpoint.secretCiphertext, endpointId);
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        secretCiphertext: sealSigningSecret(secret, endpointId),
        previousSecretCiphertext: overlapHours > 0 ? sealSigningSecret(current, endpointId, "previousSecret") : null,
        previousSecretExpiresAt: overlapHours > 0 ? overlapEnds : null,
      },
    });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "webhook.secret_rotated",
        details: {
          endpointId,
          overlapHours,
          previousSecretSignsUntil: overlapHours > 0 ? overlapEnds.toISOString() : null,
        },
      },
      tx,
    );
  });
  return { secret };
}
