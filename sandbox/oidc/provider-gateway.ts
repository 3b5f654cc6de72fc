import type { IncomingMessage, ServerResponse } from "node:http";

import type { FaultState } from "../faults/fault-state";
import type { TokenEndpointCounters } from "../faults/token-endpoint-counters";
import { sendHtml } from "../http/responses";
import { renderVagueErrorPage } from "../portal/html/error-page";
import { checkAuthorizationRequest, type RegisteredRedirects } from "./authorization-request-gate";
import { isProviderPath, OIDC_PATHS } from "./endpoint-paths";
import type { NonceLedger } from "./nonce-ledger";
import type { SandboxProvider } from "./sandbox-provider";
import { serveTokenEndpointFault } from "./token-endpoint-faults";

export interface ProviderGatewayDependencies {
  oidc: SandboxProvider;
  faults: FaultState;
  counters: TokenEndpointCounters;
  nonces: NonceLedger;
  clients: RegisteredRedirects;
}

function sleep(milliseconds: number): Promise<void> {
  return milliseconds > 0 ? new Promise((resolve) => setTimeout(resolve, milliseconds)) : Promise.resolve();
}

/**
 * What stands in front of oidc-provider: MobilePay's discovery paths, the token endpoint's fault
 * switches, and MobilePay's authorization request rules. Returns false for paths that are not the
 * OP's.
 */
export async function routeToProvider(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ProviderGatewayDependencies,
): Promise<boolean> {
  const { pathname } = url;
  if (pathname === OIDC_PATHS.discovery || pathname === OIDC_PATHS.portalDiscovery) {
    req.url = OIDC_PATHS.providerDiscovery;
    deps.oidc.handle(req, res);
    return true;
  }
  if (!isProviderPath(pathname)) return false;

  if (pathname === OIDC_PATHS.token) {
    await sleep(deps.faults.latencyFor("token"));
    if (await serveTokenEndpointFault(req, res, deps.faults, deps.counters)) return true;
  }
  if (pathname === OIDC_PATHS.authorization) {
    if (req.method !== "GET") {
      sendHtml(res, 400, renderVagueErrorPage());
      return true;
    }
    const outcome = await checkAuthorizationRequest(url.searchParams, deps.clients, deps.nonces);
    if (!outcome.allowed) {
      sendHtml(res, 400, renderVagueErrorPage());
      return true;
    }
    req.url = `${pathname}?${outcome.query.toString()}`;
  }
  deps.oidc.handle(req, res);
  return true;
}
