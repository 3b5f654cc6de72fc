import "server-only";

import type { Actor } from "@/lib/audit/record-audit-event";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { readStoredSet, refreshTokenSet, type RefreshTrigger } from "@/lib/tokens/refresh-token-set";
import type { StoredTokenSet } from "@/lib/tokens/read-stored-sets";
import { decryptTokenColumn } from "@/lib/tokens/token-cipher-instance";
import { processShared } from "@/lib/process-shared";

export type AccessTokenGrant = { accessToken: string; version: number; refreshed: boolean };

type AccessTokenOptions = {
  actor: Actor;
  trigger?: RefreshTrigger;
  forceRefresh?: boolean;
  staleVersion?: number;
  /** The set as the caller just read it (in this request), saving the token service its own read. */
  current?: StoredTokenSet;
};

/**
 * Concurrent callers in one process share one refresh per merchant: `grant` settles when the new token
 * has passed its checks, `stored` when the refresh is over (new set written, or failure recorded). Kept per
 * process, not per module: Next's bundles (routes, and instrumentation with the proxy) each load this file.
 */
const refreshesInFlight = processShared(
  "refreshes-in-flight",
  () => new Map<string, { grant: Promise<AccessTokenGrant>; stored: Promise<unknown> }>(),
);

export function refreshesInFlightCount(): number {
  return refreshesInFlight.size;
}

/** For callers that report what is stored: resolves once a refresh in flight for the merchant is over. */
export async function waitForStoredRefresh(merchantId: string): Promise<void> {
  await refreshesInFlight.get(merchantId)?.stored;
}

/** What a stopping process waits for: tokens MobilePay already rotated must be stored before it exits. */
export function waitForRefreshesInFlight(): Promise<unknown> {
  return Promise.allSettled([...refreshesInFlight.values()].map((refresh) => refresh.stored));
}

/**
 * The only way anything gets a usable access token for a merchant: the stored
 * one while it has more than the safety margin left, a refreshed one otherwise.
 * `staleVersion` asks for a refresh only if the stored set is still the one
 * whose token was just refused (so a 401 never causes two refreshes).
 */
export function getAccessToken(merchantId: string, options: AccessTokenOptions): Promise<AccessTokenGrant> {
  if (options.staleVersion !== undefined || options.forceRefresh) return resolveAccessToken(merchantId, options);
  if (options.current?.merchantId === merchantId) {
    return refreshesInFlight.get(merchantId)?.grant ?? resolveAccessToken(merchantId, options);
  }
  // Plain requests arriving together share one read (and, if needed, one refresh) per merchant.
  const running = refreshesInFlight.get(merchantId)?.grant ?? lookupsInFlight.get(merchantId);
  if (running) return running;
  const lookup = resolveAccessToken(merchantId, options).finally(() => lookupsInFlight.delete(merchantId));
  lookupsInFlight.set(merchantId, lookup);
  return lookup;
}

const lookupsInFlight = processShared("token-lookups-in-flight", () => new Map<string, Promise<AccessTokenGrant>>());

async function resolveAccessToken(merchantId: string, options: AccessTokenOptions): Promise<AccessTokenGrant> {
  // The refused token may be one handed out before its set was stored: judge it against the stored set.
  if (options.staleVersion !== undefined) await refreshesInFlight.get(merchantId)?.stored;
  // Read as a refresh needs it, so an expired token goes straight to the lease without a second read.
  const given = options.staleVersion === undefined ? options.current : undefined;
  const set = given?.merchantId === merchantId ? given : await readStoredSet(merchantId);
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
    return resolveAccessToken(merchantId, {
      ...options,
      staleVersion: undefined,
      forceRefresh: false,
      current: undefined,
    });
  }
  let inFlight = refreshesInFlight.get(merchantId);
  if (!inFlight) {
    inFlight = startRefresh(set, {
      actor: options.actor,
      trigger: options.trigger ?? "on-demand",
      // Refresh only the generation this caller saw expire: if another instance refreshed meanwhile, use that.
      onlyIfVersion: options.forceRefresh ? undefined : set.version,
    });
    refreshesInFlight.set(merchantId, inFlight);
  }
  return inFlight.grant;
}

/**
 * Callers get the new token as soon as it has passed its checks; the refresh stays in flight until the
 * new set is stored, so callers arriving meanwhile share it instead of waiting on the lease.
 */
function startRefresh(
  set: StoredTokenSet,
  options: { actor: Actor; trigger: RefreshTrigger; onlyIfVersion?: number },
): { grant: Promise<AccessTokenGrant>; stored: Promise<unknown> } {
  const { merchantId } = set;
  let stored: Promise<unknown> = Promise.resolve();
  const grant = new Promise<AccessTokenGrant>((resolve, reject) => {
    let delivered = false;
    const deliver = (token: { accessToken: string; version: number }) => {
      if (delivered) return;
      delivered = true;
      resolve({ accessToken: token.accessToken, version: token.version, refreshed: true });
    };
    stored = refreshTokenSet(merchantId, { ...options, current: set, onTokenIssued: deliver })
      .then(deliver)
      .catch((error: unknown) => {
        if (!delivered) return reject(error);
        // The token handed out stays valid; the lease and the refresh marker let the next refresh recover.
        logger.error("a refreshed token set could not be stored", { merchantId, error });
      })
      .finally(() => refreshesInFlight.delete(merchantId));
  });
  return { grant, stored };
}
