import "server-only";

import { cookies } from "next/headers";
import { cache } from "react";

import type { StaffRole } from "@/lib/auth/roles";
import { sessionCookieName, staffSessionFromCookie } from "@/lib/auth/session-cookie";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { findActiveStaff } from "@/lib/auth/find-active-staff";
import { secondFactorRequiredFor } from "@/lib/auth/second-factor-policy";
import { noteSessionSeen } from "@/lib/auth/staff-session-records";

export type CurrentStaff = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** A password sign-in of a role that must have a second factor, by an account that has none yet. */
  mustEnrolSecondFactor?: boolean;
};

/** The signed-in staff member and the session record of this browser. */
export type CurrentStaffSession = { staff: CurrentStaff; sessionId: string };

/**
 * The signed-in staff member as the database knows them now, with this browser's session: a disabled
 * account, a changed role or an ended session takes effect on the next request, not at the cookie's expiry.
 */
export const getCurrentStaffSession = cache(async (): Promise<CurrentStaffSession | null> => {
  const env = getEnv();
  const session = await staffSessionFromCookie((await cookies()).getAll(), {
    secret: env.NEXTAUTH_SECRET,
    cookieName: sessionCookieName(env.NEXTAUTH_URL),
  });
  if (!session) return null;
  const db = getDb();
  const staff = await findActiveStaff(db, session);
  const role = ZStaffRoleSchema.safeParse(staff?.role);
  if (!staff || !role.success) return null;
  await noteSessionSeen(db, { sessionId: session.sessionId, lastSeenAt: staff.sessionLastSeenAt });
  const mustEnrolSecondFactor =
    session.signInMethod !== "sso" && !staff.hasSecondFactor && secondFactorRequiredFor(role.data, env);
  return {
    staff: { id: staff.id, email: staff.email, name: staff.name, role: role.data, mustEnrolSecondFactor },
    sessionId: session.sessionId,
  };
});

/** The signed-in staff member as the database knows them now (see getCurrentStaffSession). */
export const getCurrentStaff = cache(
  async (): Promise<CurrentStaff | null> => (await getCurrentStaffSession())?.staff ?? null,
);

/** For route handlers acting on "this browser's session" (staffRoute has already checked who is signed in). */
export async function requireCurrentSessionId(): Promise<string> {
  const current = await getCurrentStaffSession();
  if (!current) throw new AppError("UNAUTHENTICATED", { userMessage: "Sign in to continue." });
  return current.sessionId;
}
