import "server-only";

import type { Prisma } from "@prisma/client";

import { getDb } from "@/lib/db/client";
import { textContains } from "@/lib/db/text-filters";
import { connectionState } from "@/lib/merchants/connection-state";
import type { TMerchantListQuery } from "@/lib/merchants/merchant-list-schemas";

export const MERCHANTS_PAGE_SIZE = 25;

function whereFor(query: TMerchantListQuery): Prisma.MerchantWhereInput {
  const where: Prisma.MerchantWhereInput = {};
  if (query.environment) where.environment = query.environment;
  if (query.q) where.OR = [{ name: textContains(query.q) }, { vatNumber: textContains(query.q.toUpperCase()) }];
  if (query.state === "linked") where.tokenSet = { isNot: null };
  if (query.state === "not_linked") Object.assign(where, { tokenSet: { is: null }, unlinkedAt: null });
  if (query.state === "unlinked") Object.assign(where, { tokenSet: { is: null }, unlinkedAt: { not: null } });
  return where;
}

export async function listMerchants(query: TMerchantListQuery) {
  const db = getDb();
  const where = whereFor(query);
  const [total, merchants] = await Promise.all([
    db.merchant.count({ where }),
    db.merchant.findMany({
      where,
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * MERCHANTS_PAGE_SIZE,
      take: MERCHANTS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        vatNumber: true,
        environment: true,
        products: true,
        unlinkedAt: true,
        lastActivityAt: true,
        tokenSet: { select: { accessTokenExpiresAt: true, grantedScopes: true, leaseUntil: true, failureKind: true } },
      },
    }),
  ]);
  const now = new Date();
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / MERCHANTS_PAGE_SIZE)),
    merchants: merchants.map((merchant) => ({
      id: merchant.id,
      name: merchant.name,
      vatNumber: merchant.vatNumber,
      environment: merchant.environment,
      scopes: merchant.tokenSet?.grantedScopes ?? merchant.products,
      state: connectionState({ unlinkedAt: merchant.unlinkedAt, tokenSet: merchant.tokenSet }, now),
      accessTokenExpiresAt: merchant.tokenSet?.accessTokenExpiresAt.toISOString() ?? null,
      lastActivityAt: merchant.lastActivityAt.toISOString(),
    })),
  };
}
