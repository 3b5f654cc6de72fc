import { staffRoute } from "@/lib/http/staff-route";
import { unlockStaffSignIn } from "@/lib/staff/unlock-staff-sign-in";

/** Lifts every sign-in limit that holds the staff member back. */
export const DELETE = staffRoute<undefined, { staffId: string }>(
  { permission: "staff:manage" },
  async ({ staff, params }) =>
    unlockStaffSignIn({ staffId: params.staffId, actor: { type: "staff", id: staff.id, label: staff.email } }),
);
