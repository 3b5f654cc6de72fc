import {
  type Account,
  type AnyObject,
  errors,
  interactionPolicy,
  type KoaContextWithOIDC,
  type TokenInstance,
} from "oidc-provider";

import type { ResolvedSandboxOptions } from "../config/sandbox-options";
import type { FaultState } from "../faults/fault-state";
import { namesOtherMerchant } from "../faults/refresh-answer-faults";
import type { SigningKeyStore } from "../keys/signing-key-store";
import type { PortalDirectory, TMerchant } from "../portal/portal-directory";
import { MERCHANT_VAT_PATTERN } from "../portal/portal-directory";
import { selectMerchant } from "../portal/merchant-selection";
import { renderVagueErrorPage } from "../portal/html/error-page";
import { renderPortalPage } from "../portal/html/portal-layout";
import type { OidcAdapter } from "../storage/oidc-sqlite-adapter";
import type { AccessTokenLedger } from "./access-token-ledger";
import { OIDC_PATHS, PORTAL_PATHS } from "./endpoint-paths";
import type { MerchantGrants } from "./merchant-grants";
import { API_AUDIENCE, AUTHENTICATION_METHODS, IDENTITY_PROVIDER, KNOWN_SCOPES } from "./mobilepay-claims";

export const AUTHORIZATION_CODE_TTL_SECONDS = 300;
/** "valid for 13 months - which is a 'sliding lifetime'". */
export const REFRESH_TOKEN_TTL_SECONDS = 396 * 24 * 60 * 60;
/** Grants end by revocation; the refresh token's sliding lifetime is what expires a link. */
const GRANT_TTL_SECONDS = 20 * 365 * 24 * 60 * 60;

export interface ProviderConfigurationDependencies {
  options: ResolvedSandboxOptions;
  cookieKeys: string[];
  keyStore: SigningKeyStore;
  directory: PortalDirectory;
  merchantGrants: MerchantGrants;
  accessTokenLedger: AccessTokenLedger;
  faults: FaultState;
  adapterFor: (model: string) => OidcAdapter;
}

type TokenLike = Partial<Pick<TokenInstance, "grantId" | "authTime">> | undefined;

function grantIdOf(ctx: KoaContextWithOIDC, token: TokenLike): string | undefined {
  return token?.grantId ?? ctx.oidc.entities.Grant?.jti;
}

function shiftTimes(payload: AnyObject, seconds: number): AnyObject {
  if (seconds === 0) return payload;
  const shifted = { ...payload };
  for (const claim of ["iat", "nbf", "exp", "auth_time"]) {
    const value = shifted[claim];
    if (typeof value === "number") shifted[claim] = value + seconds;
  }
  return shifted;
}

export function buildProviderConfiguration(deps: ProviderConfigurationDependencies): AnyObject {
  const { options, directory, merchantGrants, accessTokenLedger, faults, keyStore } = deps;

  async function merchantOfGrant(grantId: string | undefined): Promise<TMerchant | undefined> {
    if (!grantId) return undefined;
    const merchantGrant = await merchantGrants.byGrantId(grantId);
    return merchantGrant ? directory.merchantById(merchantGrant.merchantId) : undefined;
  }

  /** The merchant a token of this answer names: the grant's, unless a refresh answer fault says another's. */
  async function merchantNamedBy(
    ctx: KoaContextWithOIDC,
    token: TokenLike,
    which: "access-token" | "id-token",
  ): Promise<TMerchant | undefined> {
    const merchant = await merchantOfGrant(grantIdOf(ctx, token));
    if (!merchant || ctx.oidc.params?.grant_type !== "refresh_token") return merchant;
    const fault = faults.refreshAnswerFaultFor(ctx, ctx.oidc.client?.clientId ?? "");
    return namesOtherMerchant(fault, which) ? (directory.otherMerchantThan(merchant) ?? merchant) : merchant;
  }

  async function findAccount(ctx: KoaContextWithOIDC, sub: string, token?: TokenLike): Promise<Account | undefined> {
    if (!directory.userById(sub)) return undefined;
    return {
      accountId: sub,
      async claims() {
        const merchant = await merchantNamedBy(ctx, token, "id-token");
        return merchant ? { sub, merchant_id: merchant.merchant_id, merchant_vat: merchant.merchant_vat } : { sub };
      },
    };
  }

  async function loadExistingGrant(ctx: KoaContextWithOIDC) {
    const { Grant } = ctx.oidc.provider;
    const decidedGrantId = ctx.oidc.result?.consent?.grantId;
    if (decidedGrantId) return Grant.find(decidedGrantId);

    const accountId = ctx.oidc.session?.accountId;
    const client = ctx.oidc.client;
    const user = accountId ? directory.userById(accountId) : undefined;
    if (!user || !client) return undefined;
    const selection = selectMerchant(user, ctx.oidc.params?.merchant_vat);
    if (selection.kind !== "selected") return undefined;
    const existing = await merchantGrants.activeGrantFor(user.id, client.clientId, selection.merchant.merchant_id);
    return existing ? Grant.find(existing.grantId) : undefined;
  }

  // prompt=consent is added to every request (see the authorization gate) only to keep
  // offline_access; it must not force the consent screen on a merchant that already consented.
  const policy = interactionPolicy.base();
  policy.get("consent")?.checks.remove("consent_prompt");

  return {
    adapter: deps.adapterFor,
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.clientName ?? client.clientId,
      redirect_uris: client.redirectUris,
      response_types: ["code id_token"],
      grant_types: ["authorization_code", "implicit", "refresh_token"],
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
      // MobilePay's id_tokens always carry auth_time.
      require_auth_time: true,
      refresh_token_usage: client.refreshTokenUsage,
    })),
    extraClientMetadata: {
      properties: ["refresh_token_usage"],
      validator(_ctx: unknown, key: string, value: unknown) {
        if (key === "refresh_token_usage" && value !== "OneTime" && value !== "ReUse") {
          throw new errors.InvalidClientMetadata("refresh_token_usage must be OneTime or ReUse");
        }
      },
    },
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    // Integrators call the token endpoint from their servers; browsers get no CORS access.
    clientBasedCORS: () => false,
    responseTypes: ["code id_token"],
    scopes: [...KNOWN_SCOPES],
    claims: { openid: ["sub", "merchant_id", "merchant_vat"] },
    conformIdTokenClaims: false,
    subjectTypes: ["public"],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => true },
    extraParams: {
      merchant_vat(_ctx: unknown, value: string | undefined) {
        if (value !== undefined && !MERCHANT_VAT_PATTERN.test(value)) {
          throw new errors.InvalidRequest("merchant_vat is malformed");
        }
      },
    },
    jwks: { keys: keyStore.publishedPrivateKeys.map((jwk) => ({ ...jwk, alg: "RS256", use: "sig" })) },
    cookies: { keys: deps.cookieKeys },
    routes: {
      authorization: OIDC_PATHS.authorization,
      token: OIDC_PATHS.token,
      jwks: OIDC_PATHS.jwks,
      revocation: OIDC_PATHS.revocation,
      introspection: OIDC_PATHS.introspection,
      end_session: OIDC_PATHS.endSession,
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds,
      IdToken: options.accessTokenTtlSeconds,
      AuthorizationCode: AUTHORIZATION_CODE_TTL_SECONDS,
      RefreshToken: REFRESH_TOKEN_TTL_SECONDS,
      Grant: GRANT_TTL_SECONDS,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
    },
    rotateRefreshToken: (ctx: KoaContextWithOIDC) => ctx.oidc.client?.metadata().refresh_token_usage !== "ReUse",
    expiresWithSession: () => false,
    findAccount,
    loadExistingGrant,
    extraTokenClaims: async (ctx: KoaContextWithOIDC, token: TokenLike) => {
      const merchant = await merchantNamedBy(ctx, token, "access-token");
      return merchant ? { merchant_id: merchant.merchant_id, merchant_vat: merchant.merchant_vat } : undefined;
    },
    formats: {
      customizers: {
        // MobilePay's access token: array scope, nbf, idp, amr, merchant claims, on the OP's clock.
        async jwt(ctx: KoaContextWithOIDC, token: TokenInstance, jwt: { header?: AnyObject; payload: AnyObject }) {
          const generated = jwt.payload;
          const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
          const scope = typeof generated.scope === "string" ? generated.scope.split(" ") : [];
          jwt.payload = shiftTimes(
            {
              nbf: generated.iat,
              exp: generated.exp,
              iss: generated.iss,
              aud: generated.aud,
              client_id: generated.client_id,
              sub: generated.sub,
              auth_time: source?.authTime,
              idp: IDENTITY_PROVIDER,
              scope,
              amr: AUTHENTICATION_METHODS,
              merchant_id: generated.merchant_id,
              merchant_vat: generated.merchant_vat,
              jti: generated.jti,
              iat: generated.iat,
            },
            faults.clockSkewSeconds,
          );
          jwt.header = { ...jwt.header, typ: "JWT" };
          await accessTokenLedger.record({
            jti: String(generated.jti),
            grantId: token.grantId ?? null,
            clientId: String(generated.client_id),
            merchantId: typeof generated.merchant_id === "string" ? generated.merchant_id : null,
            issuedAtMs: Date.now(),
            expiresAt: Number(generated.exp),
          });
        },
      },
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      dPoP: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = "html";
          ctx.body = renderPortalPage({
            title: "Log out",
            body: `<div class="card"><h1>Log out of MobilePay?</h1>${form}
              <div class="actions"><button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes">Log out</button>
              <button class="secondary" type="submit" form="op.logoutForm">Stay logged in</button></div></div>`,
          });
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = "html";
          ctx.body = renderPortalPage({
            title: "Logged out",
            body: `<div class="card"><h1>You are logged out</h1></div>`,
          });
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== API_AUDIENCE) throw new errors.InvalidRequest("unknown resource");
          return {
            scope: KNOWN_SCOPES.join(" "),
            audience: API_AUDIENCE,
            accessTokenTTL: options.accessTokenTtlSeconds,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `${PORTAL_PATHS.interaction}/${interaction.uid}`,
    },
    renderError: async (ctx: KoaContextWithOIDC) => {
      ctx.type = "html";
      ctx.body = renderVagueErrorPage();
    },
  };
}
