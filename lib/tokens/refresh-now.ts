import "server-only";

import { requireMerchantAccess } from "@/lib/auth/require-environment-access";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { refreshTokenSet } from "@/lib/tokens/refresh-token-set";

/** "Refresh now" from the console: always asks MobilePay, even when the stored token is still fresh. */
export async function refreshNow({ merchantId, staff }: { merchantId: string; staff: CurrentStaff }) {
  await requireMerchantAccess(staff, merchantId);
  const outcome = await refreshTokenSet(merchantId, {
    actor: { type: "staff", id: staff.id, label: staff.email },
    trigger: "manual",
  });
  return { outcome: outcome.kind, generation: outcome.version };
}
