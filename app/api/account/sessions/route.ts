import { endOtherSessions } from "@/lib/account/end-other-sessions";
import { requireCurrentSessionId } from "@/lib/auth/current-staff";
import { staffRoute } from "@/lib/http/staff-route";

/** "Sign out other sessions": every browser of the signed-in staff member but this one. */
export const DELETE = staffRoute({ permission: "signed-in" }, async ({ staff }) =>
  endOtherSessions({ staff, currentSessionId: await requireCurrentSessionId() }),
);
