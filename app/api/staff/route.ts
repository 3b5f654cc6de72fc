import { staffRoute } from "@/lib/http/staff-route";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { listStaffUsers } from "@/lib/staff/list-staff-users";
import { ZCreateStaffUserSchema } from "@/lib/staff/staff-schemas";

export const GET = staffRoute({ permission: "staff:manage" }, async () => ({ staff: await listStaffUsers() }));

export const POST = staffRoute(
  { permission: "staff:manage", body: ZCreateStaffUserSchema },
  async ({ body, staff }) => {
    const created = await createStaffUser({ input: body, actor: { type: "staff", id: staff.id, label: staff.email } });
    return { staff: { id: created.id, email: created.email, name: created.name, role: created.role } };
  },
);
