import { endOwnSession } from "@/lib/account/end-own-session";
import { staffRoute } from "@/lib/http/staff-route";

/** Signs one of the staff member's own browsers out. */
export const DELETE = staffRoute<undefined, { sessionId: string }>(
  { permission: "signed-in" },
  async ({ staff, params }) => {
    await endOwnSession({ staff, sessionId: params.sessionId });
    return { ok: true };
  },
);
