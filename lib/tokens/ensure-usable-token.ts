import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertEnvironmentAllowed } from "@/lib/links/create-invitation";
import { getAccessToken } from "@/lib/tokens/get-access-token";

/**
 * Makes sure the merchant has a usable access token, refreshing only when the
 * stored one is near expiry — what any API call would do first. Answers with
 * facts about the token, never the token.
 */
export async function ensureUsableToken({ merchantId, staff }: { merchantId: string; staff: CurrentStaff }) {
  const merchant = await getDb().merchant.findUnique({ where: { id: merchantId }, select: { environment: true } });
  if (!merchant) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  assertEnvironmentAllowed(staff, merchant.environment);
  const grant = await getAccessToken(merchantId, {
    actor: { type: "staff", id: staff.id, label: staff.email },
    trigger: "on-demand",
  });
  return { refreshed: grant.refreshed, generation: grant.version };
}
