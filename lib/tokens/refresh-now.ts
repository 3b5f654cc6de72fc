import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertEnvironmentAllowed } from "@/lib/links/create-invitation";
import { refreshTokenSet } from "@/lib/tokens/refresh-token-set";

/** "Refresh now" from the console: always asks MobilePay, even when the stored token is still fresh. */
export async function refreshNow({ merchantId, staff }: { merchantId: string; staff: CurrentStaff }) {
  const merchant = await getDb().merchant.findUnique({ where: { id: merchantId }, select: { environment: true } });
  if (!merchant) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  assertEnvironmentAllowed(staff, merchant.environment);
  const outcome = await refreshTokenSet(merchantId, {
    actor: { type: "staff", id: staff.id, label: staff.email },
    trigger: "manual",
  });
  return { outcome: outcome.kind, generation: outcome.version };
}
