import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createInvitation } from "@/lib/links/create-invitation";
import { invitationState } from "@/lib/links/invitation-state";
import { revokeInvitation, requireInvitationAccess } from "@/lib/links/withdraw-invitation";
import { PRODUCTS, type Product } from "@/lib/mobilepay/environment-config";

/**
 * A new link for the same merchant, products and environment; the old link is revoked, so only the newest one
 * the merchant received works. A consented link is not resent: the merchant is linked (relink them instead).
 */
export async function resendInvitation({ invitationId, staff }: { invitationId: string; staff: CurrentStaff }) {
  const old = await requireInvitationAccess(staff, invitationId);
  if (invitationState(old) === "consented") {
    throw new AppError("CONFLICT", { userMessage: "The merchant consented with this link; relink them instead." });
  }
  const products = old.products
    .split(" ")
    .filter((product): product is Product => PRODUCTS.includes(product as Product));
  const created = await createInvitation({
    staff,
    merchantId: old.merchantId ?? undefined,
    input: { merchantName: old.merchantName, vatNumber: old.vatNumber, products, environment: old.environment },
  });
  await getDb().$transaction(async (tx) => {
    const revoked = await revokeInvitation(tx, old.id, new Date());
    await recordAuditEvent(
      {
        actor: { type: "staff", id: staff.id, label: staff.email },
        action: "link.resent",
        environment: old.environment,
        merchantId: old.merchantId ?? undefined,
        details: { invitationId: created.invitationId, replacedInvitationId: old.id, replacedLinkRevoked: revoked },
      },
      tx,
    );
  });
  return created;
}
