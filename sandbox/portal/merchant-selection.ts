import type { TMerchant, TPortalUser } from "./portal-directory";

export type MerchantSelection =
  { kind: "selected"; merchant: TMerchant } | { kind: "choose"; merchants: TMerchant[] } | { kind: "not-found" };

/**
 * merchant_vat picks the merchant when given; a VAT that is not one of the user's merchants fails
 * the flow. Without it, a user with one merchant consents for that one, and a user with several
 * chooses on the consent screen.
 */
export function selectMerchant(user: TPortalUser, merchantVat: string | undefined): MerchantSelection {
  if (merchantVat !== undefined) {
    const merchant = user.merchants.find((candidate) => candidate.merchant_vat === merchantVat);
    return merchant ? { kind: "selected", merchant } : { kind: "not-found" };
  }
  if (user.merchants.length === 1) return { kind: "selected", merchant: user.merchants[0] as TMerchant };
  return { kind: "choose", merchants: user.merchants };
}
