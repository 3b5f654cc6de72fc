import { CONNECTION_STATES } from "@/lib/inspection/merchant-live-state";
import type { MerchantsOverview } from "@/lib/merchants/get-merchants-overview";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks the answer of GET /api/merchants in the browser before the list shows it: anything else (a proxy's error
 * page, an older server) keeps the last good list on screen instead of blanking it.
 */
export function readMerchantsOverviewAnswer(payload: unknown): MerchantsOverview | null {
  if (!isObject(payload) || !Array.isArray(payload.merchants) || !Array.isArray(payload.invitations)) return null;
  if (typeof payload.total !== "number" || typeof payload.page !== "number" || typeof payload.pageCount !== "number")
    return null;
  const counts = payload.stateCounts;
  if (!isObject(counts) || !CONNECTION_STATES.every((state) => typeof counts[state] === "number")) return null;
  if (!payload.merchants.every((row) => isObject(row) && CONNECTION_STATES.includes(row.state as never))) return null;
  return payload as MerchantsOverview;
}
