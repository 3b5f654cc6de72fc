import { CONNECTION_STATES } from "@/lib/inspection/merchant-live-state";
import type { MerchantDetail } from "@/lib/merchants/get-merchant-detail";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks the answer of GET /api/merchants/[merchantId]/view in the browser before the page shows it: a proxy's
 * HTML error page, or an answer about another merchant, keeps the last good view instead of blanking the page.
 * The parts every section reads are checked; the rest is the server's own shape.
 */
export function readMerchantViewAnswer(payload: unknown, merchantId: string): MerchantDetail | null {
  if (!isObject(payload) || !isObject(payload.merchant) || payload.merchant.id !== merchantId) return null;
  if (!CONNECTION_STATES.includes(payload.state as MerchantDetail["state"])) return null;
  if (!Array.isArray(payload.timeline) || !Array.isArray(payload.callbackRecords)) return null;
  if (payload.tokenSet !== null && !isObject(payload.tokenSet)) return null;
  if (payload.lineage !== null && !isObject(payload.lineage)) return null;
  if (payload.maskedTokens !== null && !(isObject(payload.maskedTokens) && Array.isArray(payload.maskedTokens.tokens)))
    return null;
  return payload as MerchantDetail;
}

export const merchantViewQueryKey = (merchantId: string) => ["merchants", merchantId, "view"] as const;
