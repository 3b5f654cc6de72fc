import "server-only";

import { cookies } from "next/headers";
import { cache } from "react";

import type { StaffRole } from "@/lib/auth/roles";
import { sessionCookieName, staffIdFromSessionCookie } from "@/lib/auth/session-cookie";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { findActiveStaff } from "@/lib/staff/find-active-staff";

export type CurrentStaff = { id: string; email: string; name: string; role: StaffRole };

/**
 * The signed-in staff member as the database knows them now: a disabled
 * account or a changed role takes effect on the next request, not at the
 * session's expiry.
 */
export const getCurrentStaff = cache(async (): Promise<CurrentStaff | null> => {
  const env = getEnv();
  const staffId = await staffIdFromSessionCookie((await cookies()).getAll(), {
    secret: env.NEXTAUTH_SECRET,
    cookieName: sessionCookieName(env.NEXTAUTH_URL),
  });
  if (!staffId) return null;
  const staff = await findActiveStaff(getDb(), staffId);
  const role = ZStaffRoleSchema.safeParse(staff?.role);
  if (!staff || !role.success) return null;
  return { id: staff.id, email: staff.email, name: staff.name, role: role.data };
});
