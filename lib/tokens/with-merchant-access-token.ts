import "server-only";

import type { Actor } from "@/lib/audit/record-audit-event";
import { getAccessToken } from "@/lib/tokens/get-access-token";

export type TokenUse<T> = (accessToken: string) => Promise<{ status: number; value: T }>;

/**
 * Calls a MobilePay API with the merchant's access token. MobilePay answers a
 * vague 401 for any token problem, so on 401 the token is assumed invalid:
 * one refresh, one retry, and a second 401 is returned as it is — never a loop.
 */
export async function withMerchantAccessToken<T>(
  merchantId: string,
  actor: Actor,
  callApi: TokenUse<T>,
): Promise<{ value: T; status: number; refreshed: boolean; retriedAfter401: boolean }> {
  const first = await getAccessToken(merchantId, { actor, trigger: "on-demand" });
  const attempt = await callApi(first.accessToken);
  if (attempt.status !== 401) return { ...attempt, refreshed: first.refreshed, retriedAfter401: false };
  const second = await getAccessToken(merchantId, { actor, trigger: "unauthorized", staleVersion: first.version });
  const retry = await callApi(second.accessToken);
  return { ...retry, refreshed: true, retriedAfter401: true };
}
