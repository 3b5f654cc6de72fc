import type { ApiMerchantState } from "@/lib/api/api-merchant-schemas";
import type { ConnectionState } from "@/lib/tokens/connection-state";

/**
 * The console's connection states folded into the four a backend acts on: a token can be had (active),
 * it may fail for now (degraded), a person must relink (relink_needed), or there is no link (unlinked).
 * The state filter of read-api-merchants.ts applies this folding to the console's SQL connection state.
 */
export function apiMerchantState(state: ConnectionState): ApiMerchantState {
  switch (state) {
    case "active":
    case "expiring":
    case "refreshing":
      return "active";
    case "interrupted":
    case "degraded":
      return "degraded";
    case "relink_needed":
      return "relink_needed";
    case "revoked":
    case "never_used":
      return "unlinked";
  }
}
