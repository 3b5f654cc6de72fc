import "server-only";

import type { TApiMerchant, TApiMerchantListQuery } from "@/lib/api/api-merchant-schemas";
import { ApiProblem, relinkNeeded } from "@/lib/api/api-problem";
import { cursorAfter, idFromCursor, readApiMerchants } from "@/lib/api/read-api-merchants";
import type { ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

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
  const merchant = await getApiMerchant(principal, merchantId);
  if (merchant.state === "unlinked") {
    throw new ApiProblem("not-linked", "The merchant has no active link: send it a consent link.");
  }
  if (merchant.state === "relink_needed") throw relinkNeeded(merchant.connection.failure_reason);
  return merchant;
}
