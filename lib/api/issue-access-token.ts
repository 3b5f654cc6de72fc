import "server-only";

import type { TAccessToken } from "@/lib/api/api-merchant-schemas";
import { apiActor } from "@/lib/api/api-actor";
import { getLinkedApiMerchantWithTokens } from "@/lib/api/list-api-merchants";
import { recordTokenHandout } from "@/lib/api/record-token-handout";
import type { ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { decodeJwtClaims } from "@/lib/tokens/decode-jwt-claims";
import { getAccessToken } from "@/lib/tokens/get-access-token";

/** When the token handed out expires: its own `exp` (MobilePay's are JWTs), else the stored expiry. */
function expiryOf(accessToken: string, stored: string | null): Date {
  const decoded = decodeJwtClaims(accessToken);
  if ("claims" in decoded && typeof decoded.claims.exp === "number") return new Date(decoded.claims.exp * 1000);
  return stored ? new Date(stored) : new Date();
}

/**
 * Hands a backend a usable access token for a merchant of its key's environments, through the token
 * service every other caller uses: the stored token while it is outside the safety margin, otherwise
 * one refresh per generation under the database lease, however many callers on however many instances
 * ask at once. A link that needs relinking answers 409 with MobilePay's reason, never a stale token.
 */
export async function issueAccessToken(principal: ApiPrincipal, merchantId: string): Promise<TAccessToken> {
  const { merchant, tokenSet } = await getLinkedApiMerchantWithTokens(principal, merchantId);
  const grant = await getAccessToken(merchantId, {
    actor: apiActor(principal),
    trigger: "on-demand",
    current: tokenSet,
  });
  const handedOutAt = new Date();
  await recordTokenHandout({ apiKeyId: principal.keyId, merchantId, handedOutAt, refreshed: grant.refreshed });
  const expiresAt = expiryOf(grant.accessToken, merchant.access_token_expires_at);
  return {
    access_token: grant.accessToken,
    token_type: "Bearer",
    expires_at: expiresAt.toISOString(),
    expires_in: Math.max(0, Math.floor((expiresAt.getTime() - handedOutAt.getTime()) / 1000)),
    scope: merchant.scopes.join(" "),
    refreshed: grant.refreshed,
    merchant_id: merchantId,
  };
}
