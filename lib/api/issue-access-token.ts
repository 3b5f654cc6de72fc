import "server-only";

import type { TAccessToken } from "@/lib/api/api-merchant-schemas";
import { ApiProblem } from "@/lib/api/api-problem";
import { apiActor } from "@/lib/api/api-actor";
import { readApiMerchants } from "@/lib/api/read-api-merchants";
import { recordTokenHandout } from "@/lib/api/record-token-handout";
import type { ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { decodeJwtClaims } from "@/lib/tokens/decode-jwt-claims";
import { getAccessToken } from "@/lib/tokens/get-access-token";

/** A relink-needed refusal from the token service, told apart from "no tokens" by its wording. */
function relinkReason(error: AppError): string | null {
  const match = /^This link needs relinking: (.*)$/s.exec(error.userMessage);
  return match ? match[1]! : null;
}

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
  const env = getEnv();
  const [merchant] = await readApiMerchants(
    getDb(),
    { environments: principal.environments, merchantId, limit: 1 },
    env.NEXTAUTH_URL,
  );
  if (!merchant) throw new ApiProblem("merchant-not-found", `No merchant ${merchantId} in this key's environments.`);
  if (merchant.state === "unlinked") {
    throw new ApiProblem("not-linked", "The merchant has no active link: send it a consent link.");
  }
  if (merchant.state === "relink_needed") {
    const reason = merchant.connection.failure_reason ?? "MobilePay refused the refresh token.";
    throw new ApiProblem("relink-needed", `The merchant must relink: ${reason}`, { reason });
  }
  let grant;
  try {
    grant = await getAccessToken(merchantId, { actor: apiActor(principal), trigger: "on-demand" });
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") {
      const reason = relinkReason(error);
      if (reason !== null) throw new ApiProblem("relink-needed", `The merchant must relink: ${reason}`, { reason });
      throw new ApiProblem("not-linked", error.userMessage);
    }
    throw error;
  }
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
