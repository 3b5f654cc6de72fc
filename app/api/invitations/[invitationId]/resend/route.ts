import { staffRoute } from "@/lib/http/staff-route";
import { resendInvitation } from "@/lib/links/resend-invitation";

/** A new consent link for the same merchant; the old one is revoked. */
export const POST = staffRoute<undefined, { invitationId: string }>(
  { permission: "merchants:link" },
  ({ staff, params }) => resendInvitation({ invitationId: params.invitationId, staff }),
);
