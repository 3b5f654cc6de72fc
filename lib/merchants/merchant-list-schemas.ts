import { z } from "zod";

import type { ConnectionState } from "@/lib/tokens/connection-state";

/**
 * The merchants list's state filter: every state a link can be in, in the URL's words ("unlinked" and
 * "not_linked" predate the states they now name), and "linked" for any merchant with tokens.
 */
export const MERCHANT_LIST_STATES = [
  "active",
  "expiring",
  "refreshing",
  "interrupted",
  "degraded",
  "relink_needed",
  "unlinked",
  "not_linked",
  "linked",
] as const;
export type MerchantListState = (typeof MERCHANT_LIST_STATES)[number];

/** The connection state each filter value selects; "linked" selects several. */
export const FILTER_STATE: Record<Exclude<MerchantListState, "linked">, ConnectionState> = {
  active: "active",
  expiring: "expiring",
  refreshing: "refreshing",
  interrupted: "interrupted",
  degraded: "degraded",
  relink_needed: "relink_needed",
  unlinked: "revoked",
  not_linked: "never_used",
};

/** The filter value that selects one connection state. */
export function filterValueOf(state: ConnectionState): MerchantListState {
  const entry = Object.entries(FILTER_STATE).find(([, candidate]) => candidate === state);
  return (entry?.[0] ?? "linked") as MerchantListState;
}

/** The merchants list's query string; anything invalid falls back to the default instead of failing the page. */
export const ZMerchantListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  environment: z.string().max(40).optional().catch(undefined),
  state: z.enum(MERCHANT_LIST_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type TMerchantListQuery = z.infer<typeof ZMerchantListQuerySchema>;
