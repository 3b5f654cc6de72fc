import type { FaultState } from "../faults/fault-state";
import type { Router } from "../http/router";
import type { PortalDirectory } from "../portal/portal-directory";
import type { BearerTokenCheck } from "./bearer-token-check";
import { registerInvoiceRoutes } from "./invoice/invoice-routes";
import type { InvoiceService } from "./invoice/invoice-service";
import { registerInvoiceUserSimulationRoutes } from "./invoice/invoice-user-simulation-routes";
import { registerAgreementRoutes } from "./subscriptions/agreement-routes";
import { registerPaymentRoutes } from "./subscriptions/payment-routes";
import { registerProviderRoutes } from "./subscriptions/provider-routes";
import { SubscriptionsEndpoints } from "./subscriptions/subscriptions-context";
import type { SubscriptionsService } from "./subscriptions/subscriptions-service";
import { registerSubscriptionsUserSimulationRoutes } from "./subscriptions/subscriptions-user-simulation-routes";

export interface ApiRouteDependencies {
  tokens: BearerTokenCheck;
  faults: FaultState;
  directory: PortalDirectory;
  invoices: InvoiceService;
  subscriptions: SubscriptionsService;
}

/** The Invoice and Subscriptions APIs, merchant side and User Simulation. */
export function registerApiRoutes(router: Router, deps: ApiRouteDependencies): void {
  registerInvoiceRoutes(router, deps);
  registerInvoiceUserSimulationRoutes(router, deps);
  const subscriptions = new SubscriptionsEndpoints(deps);
  registerProviderRoutes(router, subscriptions);
  registerAgreementRoutes(router, subscriptions);
  registerPaymentRoutes(router, subscriptions);
  registerSubscriptionsUserSimulationRoutes(router, subscriptions);
}
