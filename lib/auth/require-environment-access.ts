import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { mayUseEnvironment } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { requireEnvironment } from "@/lib/mobilepay/environments";

/** The configured environment, if this staff member may act in it (demo staff: sandboxes only). */
export function requireEnvironmentAccess(staff: CurrentStaff, environmentId: string): MobilePayEnvironment {
  const environment = requireEnvironment(environmentId);
  if (!mayUseEnvironment(staff.role, environment.isSandbox)) {
    throw new AppError("FORBIDDEN", {
      userMessage: "Demo accounts can only work with sandbox environments.",
      fieldErrors: { environment: ["Demo accounts can only use sandbox environments."] },
    });
  }
  return environment;
}

/** A merchant a staff member is about to act on: it exists, and its environment is one they may use. */
export async function requireMerchantAccess(staff: CurrentStaff, merchantId: string) {
  const merchant = await getDb().merchant.findUnique({ where: { id: merchantId } });
  if (!merchant) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  return { merchant, environment: requireEnvironmentAccess(staff, merchant.environment) };
}
