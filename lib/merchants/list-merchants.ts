import "server-only";

import { getDb } from "@/lib/db/client";

export type ListMerchantsOptions = { page: number; pageSize?: number };

export async function listMerchants({ page, pageSize = 25 }: ListMerchantsOptions) {
  const db = getDb();
  const [total, merchants] = await Promise.all([
    db.merchant.count(),
    db.merchant.findMany({
      orderBy: { updatedAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        name: true,
        vatNumber: true,
        environment: true,
        products: true,
        updatedAt: true,
        tokenSet: { select: { accessTokenExpiresAt: true, grantedScopes: true } },
      },
    }),
  ]);
  return { total, merchants, page, pageSize };
}
