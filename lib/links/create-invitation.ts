import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { requireEnvironmentAccess } from "@/lib/auth/require-environment-access";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { createInvitationToken } from "@/lib/links/invitation-token";
import { linkQrSvg } from "@/lib/links/link-qr-code";
import type { TCreateInvitation } from "@/lib/links/link-schemas";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type CreateInvitationOptions = { input: TCreateInvitation; staff: CurrentStaff; merchantId?: string };

/**
 * Creates a single-use consent link; the returned URL (and its QR code, which holds the same secret) is shown
 * once and never stored.
 */
export async function createInvitation({ input, staff, merchantId }: CreateInvitationOptions) {
  const environment = requireEnvironmentAccess(staff, input.environment);
  const { token, tokenHash } = createInvitationToken();
  const invitation = await getDb().$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        tokenHash,
        merchantName: input.merchantName,
        vatNumber: input.vatNumber,
        products: input.products.join(" "),
        environment: environment.id,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        createdById: staff.id,
        createdByLabel: staff.email,
        merchantId: merchantId ?? null,
      },
    });
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: merchantId ? "link.relink_invited" : "link.invited",
        environment: environment.id,
        merchantId,
        details: {
          invitationId: created.id,
          merchantName: input.merchantName,
          vatNumber: input.vatNumber,
          products: input.products,
        },
      },
      tx,
    );
    return created;
  });
  const url = `${getEnv().NEXTAUTH_URL.replace(/\/$/, "")}/link/${token}`;
  return {
    invitationId: invitation.id,
    url,
    qrSvg: await linkQrSvg(url),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
