import "server-only";

import type { OAuthConfig } from "next-auth/providers/oauth";

import { redeemLinkCode } from "@/lib/links/redeem-link-code";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";

type MobilePayIdTokenProfile = { sub: string; merchant_id?: string; merchant_vat?: string };

/**
 * One next-auth provider per MobilePay environment, running the hybrid flow
 * (`code id_token`, form_post, PKCE, state, nonce). Scope and merchant_vat are
 * set per link by the auth route from the server-side link transaction.
 */
export function mobilePayProvider(environment: MobilePayEnvironment): OAuthConfig<MobilePayIdTokenProfile> {
  return {
    id: environment.providerId,
    name: environment.label,
    type: "oauth",
    wellKnown: environment.discoveryUrl,
    clientId: environment.clientId,
    clientSecret: environment.clientSecret,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    client: {
      response_types: ["code id_token"],
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
    },
    authorization: {
      params: {
        response_type: "code id_token",
        response_mode: "form_post",
        scope: environment.scopesFor(["invoice", "subscriptions"]),
        ...(environment.prompt ? { prompt: environment.prompt } : {}),
      },
    },
    // The console's own exchange: the tokens are checked in the signIn callback, each check by its name.
    token: {
      request: ({ params, checks, provider }) =>
        redeemLinkCode(environment, {
          code: params.code,
          codeVerifier: checks.code_verifier,
          redirectUri: provider.callbackUrl,
        }),
    },
    httpOptions: { timeout: 10_000 },
    profile(profile) {
      // Required by next-auth's types; the merchant never becomes a console user.
      return { id: profile.sub };
    },
  };
}
