import "server-only";

import { getServerSession } from "next-auth";
import { cache } from "react";

import { getAuthOptions } from "@/lib/auth/auth-options";
import type { StaffRole } from "@/lib/auth/roles";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { getDb } from "@/lib/db/client";

export type CurrentStaff = { id: string; email: string; name: string; role: StaffRole };

/**
 * The signed-in staff member as the database knows them now: a disabled
 * account or a changed role takes effect on the next request, not at the
 * session's expiry.
 */
export const getCurrentStaff = cache(async (): Promise<CurrentStaff | null> => {
  const session = await getServerSession(getAuthOptions());
  if (!session?.user.id) return null;
  const staff = await getDb().staffUser.findUnique({ where: { id: session.user.id } });
  const role = ZStaffRoleSchema.safeParse(staff?.role);
  if (!staff || staff.disabled || !role.success) return null;
  return { id: staff.id, email: staff.email, name: staff.name, role: role.data };
});
