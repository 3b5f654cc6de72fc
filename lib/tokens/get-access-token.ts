import "server-only";

import type { Actor } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { refreshTokenSet, type RefreshTrigger } from "@/lib/tokens/refresh-token-set";
import { decryptTokenColumn } from "@/lib/tokens/token-cipher-instance";

export type AccessTokenGrant = { accessToken: string; version: number; refreshed: boolean };

/** Concurrent callers in one process share one refresh per merchant. */
const refreshesInFlight = new Map<string, Promise<AccessTokenGrant>>();

export function refreshesInFlightCount(): number {
  return refreshesInFlight.size;
}

export function waitForRefreshesInFlight(): Promise<unknown> {
  return Promise.allSettled([...refreshesInFlight.values()]);
}

/**
 * The only way anything gets a usable access token for a merchant: the stored
 * one while it has more than the safety margin left, a refreshed one otherwise.
 * `staleVersion` asks for a refresh only if the stored set is still the one
 * whose token was just refused (so a 401 never causes two refreshes).
 */
export function getAccessToken(
  merchantId: string,
  options: { actor: Actor; trigger?: RefreshTrigger; forceRefresh?: boolean; staleVersion?: number },
): Promise<AccessTokenGrant> {
  if (options.staleVersion !== undefined || options.forceRefresh) return resolveAccessToken(merchantId, options);
  // Plain requests arriving together share one read (and, if needed, one refresh) per merchant.
  const running = refreshesInFlight.get(merchantId) ?? lookupsInFlight.get(merchantId);
  if (running) return running;
  const lookup = resolveAccessToken(merchantId, options).finally(() => lookupsInFlight.delete(merchantId));
  lookupsInFlight.set(merchantId, lookup);
  return lookup;
}

const lookupsInFlight = new Map<string, Promise<AccessTokenGrant>>();

async function resolveAccessToken(
  merchantId: string,
  options: { actor: Actor; trigger?: RefreshTrigger; forceRefresh?: boolean; staleVersion?: number },
): Promise<AccessTokenGrant> {
  const set = await getDb().merchantTokenSet.findUnique({
    where: { merchantId },
    include: { merchant: { select: { environment: true } } },
    omit: { accessTokenCiphertext: false },
  });
  if (!set) throw new AppError("CONFLICT", { userMessage: "This merchant has no tokens: link it first." });
  if (set.failureKind === "terminal" && options.trigger !== "manual") {
    throw new AppError("CONFLICT", {
      userMessage: `This link needs relinking: ${set.failureReason ?? "MobilePay refused the refresh token."}`,
    });
  }
  const marginMs = getEnv().TOKEN_REFRESH_MARGIN_SECONDS * 1000;
  const fresh = set.accessTokenExpiresAt.getTime() - Date.now() > marginMs;
  const refused = options.staleVersion !== undefined && options.staleVersion === set.version;
  if (!options.forceRefresh && fresh && !refused) {
    const accessToken = decryptTokenColumn(
      set.accessTokenCiphertext,
      { environment: set.merchant.environment, merchantId },
      "accessToken",
    );
    return { accessToken, version: set.version, refreshed: false };
  }
  if (options.staleVersion !== undefined && options.staleVersion !== set.version) {
    // Someone refreshed after the refused call: use their token.
    return resolveAccessToken(merchantId, { ...options, staleVersion: undefined, forceRefresh: false });
  }
  let inFlight = refreshesInFlight.get(merchantId);
  if (!inFlight) {
    // Refresh only the generation this caller saw expire: if another instance refreshed meanwhile, use that.
    inFlight = refreshTokenSet(merchantId, {
      actor: options.actor,
      trigger: options.trigger ?? "on-demand",
      onlyIfVersion: options.forceRefresh ? undefined : set.version,
    })
      .then((outcome) => ({ accessToken: outcome.accessToken, version: outcome.version, refreshed: true }))
      .finally(() => refreshesInFlight.delete(merchantId));
    refreshesInFlight.set(merchantId, inFlight);
  }
  return inFlight;
}
