import "server-only";

import { getDb } from "@/lib/db/client";
import { invitationIsUsable, invitationState } from "@/lib/links/invitation-state";
import { hashInvitationToken, isWellFormedInvitationToken } from "@/lib/links/invitation-token";
import { findEnvironment } from "@/lib/mobilepay/environments";

export type OpenedInvitation =
  | {
      kind: "usable";
      invitationId: string;
      merchantName: string;
      vatNumber: string;
      products: string[];
      environmentLabel: string;
      providerId: string;
    }
  | { kind: "unusable"; reason: "unknown" | "expired" | "used" | "revoked" };

/**
 * What the merchant's browser may learn from a consent link, and the
 * created → opened transition. Nothing here needs a staff session.
 */
export async function openInvitation(token: string): Promise<OpenedInvitation> {
  if (!isWellFormedInvitationToken(token)) return { kind: "unusable", reason: "unknown" };
  const db = getDb();
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) } });
  const environment = invitation ? findEnvironment(invitation.environment) : undefined;
  if (!invitation || !environment) return { kind: "unusable", reason: "unknown" };
  if (!invitationIsUsable(invitation)) {
    const state = invitationState(invitation);
    // Any other link that cannot be used any more, a failed one too, has run out of time.
    return { kind: "unusable", reason: state === "revoked" ? "revoked" : state === "consented" ? "used" : "expired" };
  }
  if (invitation.status === "created") {
    await db.invitation.updateMany({
      where: { id: invitation.id, status: "created" },
      data: { status: "opened", openedAt: new Date() },
    });
  }
  return {
    kind: "usable",
    invitationId: invitation.id,
    merchantName: invitation.merchantName,
    vatNumber: invitation.vatNumber,
    products: invitation.products.split(" "),
    environmentLabel: environment.label,
    providerId: environment.providerId,
  };
}
