import type { FaultState } from "../faults/fault-state";
import type { RouteContext } from "../http/http-types";
import { sendEmpty } from "../http/responses";
import type { ApiCaller, BearerTokenCheck } from "./bearer-token-check";

export interface ApiContext extends RouteContext {
  caller: ApiCaller;
}

export type ApiHandler = (context: ApiContext) => Promise<void>;

function sleep(milliseconds: number): Promise<void> {
  return milliseconds > 0 ? new Promise((resolve) => setTimeout(resolve, milliseconds)) : Promise.resolve();
}

/**
 * Wraps an API handler in MobilePay's gateway behaviour: optional injected latency, then bearer
 * token validation that answers a bare 401 on any failure.
 */
export function apiEndpoint(
  tokens: BearerTokenCheck,
  faults: FaultState,
  scope: "invoice" | "subscriptions",
  handler: ApiHandler,
): (context: RouteContext) => Promise<void> {
  return async (context) => {
    await sleep(faults.latencyFor("api"));
    const caller = await tokens.authenticate(context.req, scope);
    if (!caller) return sendEmpty(context.res, 401);
    await handler({ ...context, caller });
  };
}

/** A token for one merchant used on another merchant's resources: refused without detail. */
export function refuseForeignMerchant(context: ApiContext, merchantId: string | undefined): boolean {
  if (merchantId?.toLowerCase() === context.caller.merchant.merchant_id) return false;
  sendEmpty(context.res, 403);
  return true;
}
