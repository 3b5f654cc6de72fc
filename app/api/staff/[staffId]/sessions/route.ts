import { endStaffSessions } from "@/lib/staff/end-staff-sessions";
import { staffRoute } from "@/lib/http/staff-route";

/** Sign out everywhere: every session of the staff member ends at its next request. */
export const DELETE = staffRoute<undefined, { staffId: string }>(
  { permission: "staff:manage" },
  async ({ staff, params }) => {
    await endStaffSessions({ staffId: params.staffId, actor: { type: "staff", id: staff.id, label: staff.email } });
    return { ok: true };
  },
);
