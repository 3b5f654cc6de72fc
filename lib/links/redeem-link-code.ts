import "server-only";

import type { TokenSetParameters } from "openid-client";

import { linkCallbackContext } from "@/lib/links/link-callback-context";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { STAFF_MESSAGES } from "@/lib/mobilepay/oidc/check-result";
import { exchangeCode, TokenEndpointError } from "@/lib/mobilepay/oidc/token-endpoint-client";
import { getProviderMetadata } from "@/lib/mobilepay/provider-metadata";
import { decodeJwtClaims } from "@/lib/tokens/decode-jwt-claims";

export type RedeemLinkCodeInput = {
  code: string | undefined;
  codeVerifier: string | undefined;
  /** The redirect_uri the authorization request carried; the token request must repeat it byte for byte. */
  redirectUri: string;
};

/**
 * Redeems the code of a link callback at the environment's discovered (and pinned) token endpoint, for next-auth's
 * token request. It checks nothing in the tokens on purpose: openid-client would validate the id_token itself,
 * stop at its first failure and say so in its own words (an at_hash mismatch as an assertion diff), while the
 * link's signIn callback runs the console's back-channel checks, which cover the same rules and name each one in
 * the consent attempt's checklist. The front-channel response was checked before next-auth was called.
 */
export async function redeemLinkCode(
  environment: MobilePayEnvironment,
  input: RedeemLinkCodeInput,
): Promise<{ tokens: TokenSetParameters }> {
  if (!input.code || !input.codeVerifier) {
    throw new Error("the callback reached the code exchange without a code or PKCE verifier");
  }
  const { metadata } = await getProviderMetadata(environment);
  const context = linkCallbackContext.getStore();
  let response;
  try {
    response = await exchangeCode({
      tokenEndpoint: metadata.token_endpoint,
      clientId: environment.clientId,
      clientSecret: environment.clientSecret,
      code: input.code,
      redirectUri: input.redirectUri,
      codeVerifier: input.codeVerifier,
    });
  } catch (error) {
    if (context && error instanceof TokenEndpointError) {
      context.tokenEndpointStatus = error.status;
      context.tokenEndpointFailure = {
        check: "token_endpoint",
        detail: error.reason,
        reason: `${STAFF_MESSAGES.token_endpoint} ${error.reason}.`,
      };
    }
    throw error;
  }
  if (context) context.tokenEndpointStatus = response.status;
  const idToken = readableIdToken(response.idToken);
  if ("problem" in idToken) {
    // next-auth decodes it for its profile and cannot go on without it: name the check rather than leave next-auth
    // to say it in its own words.
    const detail = `token endpoint: ${idToken.problem}`;
    if (context) {
      context.tokenEndpointFailure = {
        check: "id_token_present",
        detail,
        reason: `${STAFF_MESSAGES.id_token_present} (${detail})`,
      };
    }
    throw new Error(detail);
  }
  return {
    tokens: {
      access_token: response.accessToken,
      token_type: response.tokenType,
      expires_at: Math.floor(Date.now() / 1000) + response.expiresIn,
      id_token: idToken.value,
      ...(response.refreshToken === undefined ? {} : { refresh_token: response.refreshToken }),
      ...(response.scope === undefined ? {} : { scope: response.scope }),
    },
  };
}

function readableIdToken(idToken: string | undefined): { value: string } | { problem: string } {
  if (idToken === undefined) return { problem: "the token response has no id_token" };
  if ("error" in decodeJwtClaims(idToken)) return { problem: "the id_token is not a decodable JWT" };
  return { value: idToken };
}
