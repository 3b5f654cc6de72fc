import "server-only";

import { forbidden, redirect } from "next/navigation";

import { getCurrentStaff, type CurrentStaff } from "@/lib/auth/current-staff";
import { hasPermission, type Permission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/** For pages and layouts: sends strangers to sign-in and answers 403 to staff without the permission. */
export async function requirePagePermission(permission?: Permission): Promise<CurrentStaff> {
  const staff = await getCurrentStaff();
  if (!staff) redirect("/sign-in");
  if (permission && !hasPermission(staff.role, permission)) forbidden();
  return staff;
}

/** For route handlers and use cases: throws the matching AppError. */
export async function requirePermission(permission: Permission): Promise<CurrentStaff> {
  const staff = await getCurrentStaff();
  if (!staff) throw new AppError("UNAUTHENTICATED", { userMessage: "Sign in to continue." });
  if (!hasPermission(staff.role, permission)) {
    throw new AppError("FORBIDDEN", {
      message: `${staff.role} lacks ${permission}`,
      userMessage: "Your role does not allow this action.",
    });
  }
  return staff;
}
