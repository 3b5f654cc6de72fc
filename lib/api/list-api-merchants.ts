import "server-only";

import type { TApiMerchant, TApiMerchantListQuery } from "@/lib/api/api-merchant-schemas";
import { ApiProblem, relinkNeeded } from "@/lib/api/api-problem";
import { apiMerchantFromTokenSet, cursorAfter, idFromCursor, readApiMerchants } from "@/lib/api/read-api-merchants";
import type { ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { readStoredSets, type StoredTokenSet } from "@/lib/tokens/read-stored-sets";

/**
 * One page of the key's merchants in id order. Keyset paging: a page never skips or repeats a merchant
 * because others were added meanwhile, and `updated_since` lets a backend fetch only what changed.
 */
export async function listApiMerchants(principal: ApiPrincipal, query: TApiMerchantListQuery) {
  const rows = await readApiMerchants(
    getDb(),
    {
      environments: principal.environments,
      environment: query.environment,
      state: query.state,
      vatNumber: query.vat,
      updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
      afterId: query.cursor ? idFromCursor(query.cursor) : undefined,
      // One more than the page tells whether another page follows.
      limit: query.limit + 1,
    },
    getEnv().NEXTAUTH_URL,
  );
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return { data, next_cursor: rows.length > query.limit && last ? cursorAfter(last.id) : null };
}

export async function getApiMerchant(principal: ApiPrincipal, merchantId: string): Promise<TApiMerchant> {
  const [merchant] = await readApiMerchants(
    getDb(),
    { environments: principal.environments, merchantId, limit: 1 },
    getEnv().NEXTAUTH_URL,
  );
  if (!merchant) throw new ApiProblem("merchant-not-found", `No merchant ${merchantId} in this key's environments.`);
  return merchant;
}

/**
 * A merchant of the key's environments whose link can give a token, for the endpoints that use one (the
 * handout, the proxy): no link answers not-linked, a link MobilePay refused answers relink-needed with its
 * reason, before the token service or MobilePay is asked anything.
 */
export async function getLinkedApiMerchant(principal: ApiPrincipal, merchantId: string): Promise<TApiMerchant> {
  return requireLinked(await getApiMerchant(principal, merchantId));
}

function requireLinked(merchant: TApiMerchant): TApiMerchant {
  if (merchant.state === "unlinked") throw notLinked();
  if (merchant.state === "relink_needed") throw relinkNeeded(merchant.connection.failure_reason);
  return merchant;
}

const notLinked = () => new ApiProblem("not-linked", "The merchant has no active link: send it a consent link.");

/**
 * getLinkedApiMerchant for the endpoints that go on to use the token (the handout, the proxy): merchant and
 * token set in the one read the token service would make anyway, handed to it so it does not read again.
 * These are the API's hottest paths, and on SQLite every statement waits its turn on one connection.
 */
export async function getLinkedApiMerchantWithTokens(
  principal: ApiPrincipal,
  merchantId: string,
): Promise<{ merchant: TApiMerchant; tokenSet: StoredTokenSet }> {
  const [tokenSet] = await readStoredSets(getDb(), [merchantId]);
  if (!tokenSet || !principal.environments.includes(tokenSet.merchant.environment)) {
    // No tokens, or a merchant this key must not see: the full read gives the answer the other endpoints give.
    await getLinkedApiMerchant(principal, merchantId);
    throw notLinked();
  }
  return { merchant: requireLinked(apiMerchantFromTokenSet(tokenSet, getEnv().NEXTAUTH_URL)), tokenSet };
}
