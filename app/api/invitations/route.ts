import { staffRoute } from "@/lib/http/staff-route";
import { createInvitation } from "@/lib/links/create-invitation";
import { ZCreateInvitationSchema } from "@/lib/links/link-schemas";

export const POST = staffRoute(
  { permission: "merchants:link", body: ZCreateInvitationSchema },
  async ({ body, staff }) => createInvitation({ input: body, staff }),
);
