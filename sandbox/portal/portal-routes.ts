import type { TSandboxClient } from "../config/sandbox-options";
import type { RouteContext } from "../http/http-types";
import { readFormBody } from "../http/request-body";
import { redirect, sendHtml } from "../http/responses";
import type { Router } from "../http/router";
import { PORTAL_PATHS, PORTAL_PREFIX } from "../oidc/endpoint-paths";
import type { MerchantGrants } from "../oidc/merchant-grants";
import { productNamesFor } from "../oidc/mobilepay-claims";
import { revokeGrant } from "../oidc/revoke-grant";
import type { SandboxProvider } from "../oidc/sandbox-provider";
import { renderIntegrationsPage } from "./html/integrations-page";
import { renderLoginPage } from "./html/login-page";
import type { PortalDirectory } from "./portal-directory";
import type { PortalSessions } from "./portal-session";

export interface PortalRouteDependencies {
  oidc: SandboxProvider;
  directory: PortalDirectory;
  sessions: PortalSessions;
  merchantGrants: MerchantGrants;
  clients: TSandboxClient[];
}

/** The merchant portal outside the authorize flow: log in, see and revoke integrators' access. */
export function registerPortalRoutes(router: Router, deps: PortalRouteDependencies): void {
  async function showLogin({ req, res }: RouteContext): Promise<void> {
    if (await deps.sessions.currentUser(req)) return redirect(res, PORTAL_PATHS.integrations);
    sendHtml(res, 200, renderLoginPage({ formAction: PORTAL_PATHS.login, testUsers: deps.directory.users }));
  }

  async function submitLogin({ req, res }: RouteContext): Promise<void> {
    const form = await readFormBody(req);
    const email = form.get("email") ?? "";
    const user = deps.sessions.authenticate(email, form.get("password") ?? "");
    if (!user) {
      return sendHtml(
        res,
        401,
        renderLoginPage({ formAction: PORTAL_PATHS.login, email, failed: true, testUsers: deps.directory.users }),
      );
    }
    await deps.sessions.start(res, user);
    redirect(res, PORTAL_PATHS.integrations);
  }

  async function logout({ req, res }: RouteContext): Promise<void> {
    await deps.sessions.end(req, res);
    redirect(res, PORTAL_PATHS.login);
  }

  async function showIntegrations({ req, res, url }: RouteContext): Promise<void> {
    const user = await deps.sessions.currentUser(req);
    if (!user) return redirect(res, PORTAL_PATHS.login);
    const merchantIds = user.merchants.map((merchant) => merchant.merchant_id);
    const grants = await deps.merchantGrants.activeGrantsForMerchants(merchantIds);
    const rows = grants.flatMap((grant) => {
      const merchant = deps.directory.merchantById(grant.merchantId);
      if (!merchant) return [];
      const client = deps.clients.find((candidate) => candidate.clientId === grant.clientId);
      return [
        {
          grantId: grant.grantId,
          clientName: client?.clientName ?? grant.clientId,
          merchantName: merchant.name,
          merchantVat: merchant.merchant_vat,
          productNames: productNamesFor(grant.scope),
          grantedAt: new Date(grant.createdAt * 1000),
        },
      ];
    });
    const notice = url.searchParams.get("revoked") ? "The integrator no longer has access." : undefined;
    sendHtml(res, 200, renderIntegrationsPage({ rows, signedInAs: user, notice }));
  }

  async function revoke({ req, res, params }: RouteContext): Promise<void> {
    const user = await deps.sessions.currentUser(req);
    if (!user) return redirect(res, PORTAL_PATHS.login);
    const grant = await deps.merchantGrants.byGrantId(params.grantId ?? "");
    const ownsMerchant = grant && user.merchants.some((merchant) => merchant.merchant_id === grant.merchantId);
    if (grant && ownsMerchant && grant.revokedAt === null) {
      await revokeGrant(deps.oidc.provider, deps.merchantGrants, grant.grantId, "portal");
    }
    redirect(res, `${PORTAL_PATHS.integrations}?revoked=1`);
  }

  router.on("GET", PORTAL_PREFIX, async ({ res }) => redirect(res, PORTAL_PATHS.integrations));
  router.on("GET", PORTAL_PATHS.login, showLogin);
  router.on("POST", PORTAL_PATHS.login, submitLogin);
  router.on("POST", PORTAL_PATHS.logout, logout);
  router.on("GET", PORTAL_PATHS.integrations, showIntegrations);
  router.on("POST", `${PORTAL_PATHS.integrations}/:grantId/revoke`, revoke);
}
