import type { ServerEnv } from "@/lib/config/env-schema";
import type { StaffRole } from "@/lib/auth/roles";

/**
 * Whether staff of a role must have a second factor before they may use the console after a password
 * sign-in. Admins manage staff and reveal tokens: in production they must, unless the operator says
 * otherwise. Single sign-on leaves the second factor to the company's identity provider.
 */
export function secondFactorRequiredFor(
  role: StaffRole,
  env: Pick<ServerEnv, "NODE_ENV" | "STAFF_ADMIN_SECOND_FACTOR">,
): boolean {
  if (role !== "admin") return false;
  return env.STAFF_ADMIN_SECOND_FACTOR ?? env.NODE_ENV === "production";
}
