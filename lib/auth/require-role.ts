import "server-only";

import { forbidden, redirect } from "next/navigation";

import { getCurrentStaff, type CurrentStaff } from "@/lib/auth/current-staff";
import { hasPermission, type Permission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/** Where staff set up (or remove) their second factor. */
export const SECOND_FACTOR_PATH = "/second-factor";

/** For pages and layouts: sends strangers to sign-in and answers 403 to staff without the permission. */
export async function requirePagePermission(permission?: Permission): Promise<CurrentStaff> {
  const staff = await getCurrentStaff();
  if (!staff) redirect("/sign-in");
  if (staff.mustEnrolSecondFactor) redirect(SECOND_FACTOR_PATH);
  if (permission && !hasPermission(staff.role, permission)) forbidden();
  return staff;
}

/**
 * For route handlers and use cases: throws the matching AppError. Without a permission, any signed-in staff
 * member passes; `duringEnrolment` lets one who must still set up a second factor through (its own routes).
 */
export async function requirePermission(
  permission?: Permission,
  { duringEnrolment = false }: { duringEnrolment?: boolean } = {},
): Promise<CurrentStaff> {
  const staff = await getCurrentStaff();
  if (!staff) throw new AppError("UNAUTHENTICATED", { userMessage: "Sign in to continue." });
  if (staff.mustEnrolSecondFactor && !duringEnrolment) {
    throw new AppError("FORBIDDEN", {
      message: "second factor not enrolled",
      userMessage: "Set up a second factor before using the console.",
    });
  }
  if (permission && !hasPermission(staff.role, permission)) {
    throw new AppError("FORBIDDEN", {
      message: `${staff.role} lacks ${permission}`,
      userMessage: "Your role does not allow this action.",
    });
  }
  return staff;
}
