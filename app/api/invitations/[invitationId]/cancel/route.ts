import { staffRoute } from "@/lib/http/staff-route";
import { cancelInvitation } from "@/lib/links/withdraw-invitation";

/** Revokes a consent link: it can no longer be opened or complete a link. */
export const POST = staffRoute<undefined, { invitationId: string }>(
  { permission: "merchants:link" },
  ({ staff, params }) => cancelInvitation({ invitationId: params.invitationId, staff }),
);
