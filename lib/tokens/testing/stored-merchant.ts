import type { Prisma } from "@prisma/client";

import type { Database } from "@/lib/db/create-client";

type MerchantFields = Partial<Omit<Prisma.MerchantUncheckedCreateInput, "name">>;
type TokenSetFields = Partial<Omit<Prisma.MerchantTokenSetUncheckedCreateInput, "merchantId">>;

/**
 * A merchant row, and its token set unless `tokenSet` is null, written straight to the database for tests
 * of the data layer; the ciphertexts are placeholders, not envelopes any key opens.
 */
export async function storeMerchant(
  db: Database,
  name: string,
  options: { merchant?: MerchantFields; tokenSet?: TokenSetFields | null } = {},
): Promise<string> {
  const merchant = await db.merchant.create({
    data: { environment: "sandbox", vatNumber: "DK10000000", products: "invoice", ...options.merchant, name },
  });
  if (options.tokenSet !== null) {
    await db.merchantTokenSet.create({
      data: {
        merchantId: merchant.id,
        accessTokenCiphertext: "v1.k.iv.access",
        refreshTokenCiphertext: "v1.k.iv.refresh",
        keyId: "k",
        accessTokenExpiresAt: new Date(),
        accessTokenIssuedAt: new Date(),
        grantedScopes: "invoice",
        refreshTokenFingerprint: "fp",
        ...options.tokenSet,
      },
    });
  }
  return merchant.id;
}
