import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { mayUseEnvironment } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { getEnvironments, requireEnvironment } from "@/lib/mobilepay/environments";

/**
 * The environments whose merchants, audit entries and diagnostics a staff member may see: null for all of
 * them. Demo staff see sandboxes only, on every read, because a salesperson's screen is shown to prospects.
 */
export function visibleEnvironmentIds(staff: Pick<CurrentStaff, "role">): string[] | null {
  if (staff.role !== "demo") return null;
  return getEnvironments()
    .filter((environment) => mayUseEnvironment(staff.role, environment.isSandbox))
    .map((environment) => environment.id);
}

/** The configured environments a staff member may see. */
export function environmentsVisibleTo(staff: Pick<CurrentStaff, "role">): MobilePayEnvironment[] {
  return getEnvironments().filter((environment) => mayViewEnvironment(staff, environment.id));
}

export function mayViewEnvironment(staff: Pick<CurrentStaff, "role">, environmentId: string): boolean {
  const visible = visibleEnvironmentIds(staff);
  return visible === null || visible.includes(environmentId);
}

const NO_SUCH_MERCHANT = () => new AppError("NOT_FOUND", { userMessage: "No such merchant." });

/** Throws the merchant's 404 unless the staff member may see its environment (a merchant they may not see does not exist for them). */
export function assertMerchantVisible(staff: Pick<CurrentStaff, "role">, merchant: { environment: string }): void {
  if (!mayViewEnvironment(staff, merchant.environment)) throw NO_SUCH_MERCHANT();
}

/** For reads that take only a merchant id: costs a read for demo staff only. */
export async function requireVisibleMerchant(staff: Pick<CurrentStaff, "role">, merchantId: string): Promise<void> {
  if (visibleEnvironmentIds(staff) === null) return;
  const merchant = await getDb().merchant.findUnique({ where: { id: merchantId }, select: { environment: true } });
  if (!merchant) throw NO_SUCH_MERCHANT();
  assertMerchantVisible(staff, merchant);
}

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
  if (!merchant) throw NO_SUCH_MERCHANT();
  assertMerchantVisible(staff, merchant);
  return { merchant, environment: requireEnvironmentAccess(staff, merchant.environment) };
}
