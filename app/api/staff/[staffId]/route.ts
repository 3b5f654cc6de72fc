import { staffRoute } from "@/lib/http/staff-route";
import { ZUpdateStaffUserSchema } from "@/lib/staff/staff-schemas";
import { updateStaffUser } from "@/lib/staff/update-staff-user";

export const PATCH = staffRoute<typeof ZUpdateStaffUserSchema, { staffId: string }>(
  { permission: "staff:manage", body: ZUpdateStaffUserSchema },
  async ({ body, staff, params }) => {
    const updated = await updateStaffUser({ staffId: params.staffId, changes: body, actor: staff });
    return { staff: { id: updated.id, role: updated.role, disabled: updated.disabled } };
  },
);
