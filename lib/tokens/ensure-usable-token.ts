import "server-only";

import { requireMerchantAccess } from "@/lib/auth/require-environment-access";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getAccessToken, waitForStoredRefresh } from "@/lib/tokens/get-access-token";

/**
 * Makes sure the merchant has a usable access token, refreshing only when the
 * stored one is near expiry — what any API call would do first. Answers with
 * facts about the token, never the token.
 */
export async function ensureUsableToken({ merchantId, staff }: { merchantId: string; staff: CurrentStaff }) {
  await requireMerchantAccess(staff, merchantId);
  const grant = await getAccessToken(merchantId, {
    actor: { type: "staff", id: staff.id, label: staff.email },
    trigger: "on-demand",
  });
  // Staff see the stored state next, so answer once the new set is stored, not merely handed out.
  if (grant.refreshed) await waitForStoredRefresh(merchantId);
  return { refreshed: grant.refreshed, generation: grant.version };
}
