import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { hasPermission, type Permission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

/** The use cases check the role themselves too, so no caller can forget it. */
export function requireWebhookPermission(staff: CurrentStaff, permission: Permission): void {
  if (!hasPermission(staff.role, permission)) {
    throw new AppError("FORBIDDEN", { userMessage: "Your role may not do this with webhook endpoints." });
  }
}
