import type { InteractionDetails } from "oidc-provider";

import type { TSandboxClient } from "../config/sandbox-options";
import type { RouteContext } from "../http/http-types";
import { readFormBody } from "../http/request-body";
import { sendHtml } from "../http/responses";
import type { Router } from "../http/router";
import { PORTAL_PATHS } from "../oidc/endpoint-paths";
import type { MerchantGrants } from "../oidc/merchant-grants";
import { API_AUDIENCE, AUTHENTICATION_METHODS, productNamesFor } from "../oidc/mobilepay-claims";
import type { SandboxProvider } from "../oidc/sandbox-provider";
import { renderConsentPage } from "./html/consent-page";
import { renderVagueErrorPage } from "./html/error-page";
import { renderLoginPage } from "./html/login-page";
import { selectMerchant } from "./merchant-selection";
import type { PortalDirectory, TMerchant, TPortalUser } from "./portal-directory";
import type { PortalSessions } from "./portal-session";

export interface InteractionRouteDependencies {
  oidc: SandboxProvider;
  directory: PortalDirectory;
  sessions: PortalSessions;
  merchantGrants: MerchantGrants;
  clients: TSandboxClient[];
}

class InteractionUnavailable extends Error {}

/** The login and consent screens oidc-provider sends the browser to during /connect/authorize. */
export function registerInteractionRoutes(router: Router, deps: InteractionRouteDependencies): void {
  const base = `${PORTAL_PATHS.interaction}/:uid`;

  async function details({ req, res, params }: RouteContext): Promise<InteractionDetails> {
    try {
      const found = await deps.oidc.provider.interactionDetails(req, res);
      if (found.uid !== params.uid) throw new InteractionUnavailable();
      return found;
    } catch {
      throw new InteractionUnavailable();
    }
  }

  function clientNameOf(found: InteractionDetails): string {
    const client = deps.clients.find((candidate) => candidate.clientId === found.params.client_id);
    return client?.clientName ?? client?.clientId ?? "The integrator";
  }

  function consentingUser(found: InteractionDetails): TPortalUser | undefined {
    const accountId = found.session?.accountId;
    return accountId ? deps.directory.userById(accountId) : undefined;
  }

  async function finishLogin(context: RouteContext, user: TPortalUser): Promise<void> {
    await deps.oidc.provider.interactionFinished(
      context.req,
      context.res,
      { login: { accountId: user.id, amr: AUTHENTICATION_METHODS } },
      { mergeWithLastSubmission: false },
    );
  }

  async function showInteraction(context: RouteContext): Promise<void> {
    const found = await details(context);
    if (found.prompt.name === "login") {
      // A portal login counts for the authorize flow too, unless the client asked for a fresh login.
      const portalUser = found.prompt.reasons.includes("login_prompt")
        ? undefined
        : await deps.sessions.currentUser(context.req);
      if (portalUser) return finishLogin(context, portalUser);
      return sendHtml(
        context.res,
        200,
        renderLoginPage({
          formAction: `${PORTAL_PATHS.interaction}/${found.uid}/login`,
          clientName: clientNameOf(found),
          testUsers: deps.directory.users,
        }),
      );
    }

    const user = consentingUser(found);
    if (found.prompt.name !== "consent" || !user) return sendHtml(context.res, 400, renderVagueErrorPage());
    const selection = selectMerchant(user, found.params.merchant_vat);
    if (selection.kind === "not-found") return sendHtml(context.res, 400, renderVagueErrorPage());

    sendHtml(
      context.res,
      200,
      renderConsentPage({
        formAction: `${PORTAL_PATHS.interaction}/${found.uid}/consent`,
        cancelAction: `${PORTAL_PATHS.interaction}/${found.uid}/cancel`,
        clientName: clientNameOf(found),
        productNames: productNamesFor(found.params.scope ?? ""),
        merchants: selection.kind === "selected" ? [selection.merchant] : selection.merchants,
        signedInAs: user,
      }),
    );
  }

  async function submitLogin(context: RouteContext): Promise<void> {
    const found = await details(context);
    if (found.prompt.name !== "login") return sendHtml(context.res, 400, renderVagueErrorPage());
    const form = await readFormBody(context.req);
    const email = form.get("email") ?? "";
    const user = deps.sessions.authenticate(email, form.get("password") ?? "");
    if (!user) {
      return sendHtml(
        context.res,
        401,
        renderLoginPage({
          formAction: `${PORTAL_PATHS.interaction}/${found.uid}/login`,
          email,
          failed: true,
          clientName: clientNameOf(found),
          testUsers: deps.directory.users,
        }),
      );
    }
    await deps.sessions.start(context.res, user);
    await finishLogin(context, user);
  }

  function chosenMerchant(
    user: TPortalUser,
    found: InteractionDetails,
    merchantId: string | null,
  ): TMerchant | undefined {
    const selection = selectMerchant(user, found.params.merchant_vat);
    if (selection.kind === "selected")
      return selection.merchant.merchant_id === merchantId ? selection.merchant : undefined;
    if (selection.kind === "choose") return selection.merchants.find((merchant) => merchant.merchant_id === merchantId);
    return undefined;
  }

  async function submitConsent(context: RouteContext): Promise<void> {
    const found = await details(context);
    const user = consentingUser(found);
    const clientId = found.params.client_id;
    const form = await readFormBody(context.req);
    const merchant = user ? chosenMerchant(user, found, form.get("merchant_id")) : undefined;
    if (found.prompt.name !== "consent" || !user || !clientId || !merchant) {
      return sendHtml(context.res, 400, renderVagueErrorPage());
    }

    const { Grant } = deps.oidc.provider;
    const existing = await deps.merchantGrants.activeGrantFor(user.id, clientId, merchant.merchant_id);
    const grant = (existing && (await Grant.find(existing.grantId))) || new Grant({ accountId: user.id, clientId });
    const scope = found.params.scope ?? "";
    grant.addOIDCScope(scope);
    grant.addResourceScope(API_AUDIENCE, scope);
    const grantId = await grant.save();
    await deps.merchantGrants.record({
      grantId,
      accountId: user.id,
      clientId,
      merchantId: merchant.merchant_id,
      scope: grant.getOIDCScope(),
    });
    await deps.oidc.provider.interactionFinished(
      context.req,
      context.res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  async function cancel(context: RouteContext): Promise<void> {
    await details(context);
    await deps.oidc.provider.interactionFinished(
      context.req,
      context.res,
      { error: "access_denied", error_description: "The user cancelled the consent" },
      { mergeWithLastSubmission: false },
    );
  }

  const guarded = (handler: (context: RouteContext) => Promise<void>) => async (context: RouteContext) => {
    try {
      await handler(context);
    } catch (error) {
      if (!(error instanceof InteractionUnavailable)) throw error;
      sendHtml(context.res, 400, renderVagueErrorPage());
    }
  };

  router.on("GET", base, guarded(showInteraction));
  router.on("POST", `${base}/login`, guarded(submitLogin));
  router.on("POST", `${base}/consent`, guarded(submitConsent));
  router.on("POST", `${base}/cancel`, guarded(cancel));
}
