import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { PRODUCTS, type Product } from "@/lib/mobilepay/environment-config";

/** A link sample calls can go through: who the merchant is at MobilePay, and what its consent covers. */
export type CallableLink = { mobilePayId: string; grantedProducts: Product[] };

/**
 * What a merchant's stored link allows for sample calls. The calls page shows
 * it and the run refuses on it, so both read it here and cannot disagree
 * about whether a merchant is linked or which products it may call.
 */
export async function sampleCallFacts(merchantId: string) {
  const row = await getDb().merchant.findUnique({
    where: { id: merchantId },
    include: { tokenSet: { select: { grantedScopes: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  const { tokenSet, ...merchant } = row;
  // Without MobilePay's merchant id the APIs cannot be addressed, even with tokens stored.
  const link: CallableLink | null =
    !merchant.unlinkedAt && tokenSet && merchant.mobilePayId
      ? { mobilePayId: merchant.mobilePayId, grantedProducts: productsIn(tokenSet.grantedScopes) }
      : null;
  return { merchant, link };
}

export type SampleCallFacts = Awaited<ReturnType<typeof sampleCallFacts>>;

function productsIn(grantedScopes: string): Product[] {
  const scopes = grantedScopes.split(/\s+/);
  return PRODUCTS.filter((product) => scopes.includes(product));
}
