import { randomUUID } from "node:crypto";
import { setImmediate as nextTurnOfEventLoop } from "node:timers/promises";

import { getDb } from "@/lib/db/client";
import { encryptTokenSet } from "@/lib/tokens/encrypt-token-set";

import type { BenchMerchant } from "./bench-merchants";
import { GRANTED_SCOPE, type SourceGrant } from "./sandbox-grants";

const ROWS_PER_CREATE = 500;

/**
 * Linked merchants as completeLink stores them, one per refresh token, written in bulk through the
 * console's own client (so the same code seeds SQLite and PostgreSQL). Every merchant shares the source
 * consent's user, issuer and access token; its refresh token and its merchant are its own: a refresh
 * compares the merchant its tokens name with the one stored, so merchant `index` must be the one its
 * grant was cloned for (`merchantOf`, by default the source consent's merchant).
 */
export async function seedLinkedMerchants(
  source: SourceGrant,
  refreshTokens: readonly string[],
  options: { lastRefreshedAt: Date | null; merchantOf?: (index: number) => BenchMerchant },
): Promise<string[]> {
  const merchantOf = options.merchantOf ?? (() => ({ merchantId: source.merchantId, merchantVat: source.merchantVat }));
  const db = getDb();
  const now = new Date();
  const ids = refreshTokens.map(() => randomUUID());
  for (let start = 0; start < ids.length; start += ROWS_PER_CREATE) {
    const slice = ids.slice(start, start + ROWS_PER_CREATE);
    await db.merchant.createMany({
      data: slice.map((id, offset) => ({
        id,
        environment: "sandbox",
        mobilePayId: merchantOf(start + offset).merchantId,
        vatNumber: merchantOf(start + offset).merchantVat,
        name: `Bench merchant ${start + offset}`,
        subject: source.subject,
        issuer: source.issuer,
        products: "invoice subscriptions",
        lastActivityAt: now,
      })),
    });
    await db.merchantTokenSet.createMany({
      data: slice.map((id, offset) => ({
        merchantId: id,
        ...encryptTokenSet("sandbox", id, {
          accessToken: source.accessToken,
          refreshToken: refreshTokens[start + offset]!,
          idToken: source.idToken,
        }),
        accessTokenExpiresAt: new Date(now.getTime() + 300_000),
        accessTokenIssuedAt: now,
        grantedScopes: GRANTED_SCOPE,
        lastRefreshedAt: options.lastRefreshedAt,
      })),
    });
    // The local database answers without giving the event loop a turn, so 10,000 merchants would hold it
    // for seconds: the fetch client's keep-alive timers could not retire the connections the OP closed
    // meanwhile, and the next request to the OP went out on one of them ("other side closed").
    await nextTurnOfEventLoop();
  }
  return ids;
}
