import type { ConnectionState } from "@/lib/tokens/connection-state";

/*
 * The merchants list's state filter, apart from the query's zod schema (merchant-list-schemas.ts): the list's
 * filter and health strip are client components, and importing the schema would ship zod to the browser.
 */

/**
 * Every state a link can be in, in the URL's words ("unlinked" and "not_linked" predate the states they now
 * name), and "linked" for any merchant with tokens.
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
