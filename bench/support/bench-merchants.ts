/** One of the merchants the bench's sandbox knows beyond its seed, under the bench user. */
export type BenchMerchant = { merchantId: string; merchantVat: string };

/**
 * The bench's merchant number `index`, the same in the sandbox process and in the bench: a refresh proves
 * its tokens name the merchant it was linked as, so every seeded console merchant needs a sandbox merchant
 * (merchant_id and VAT number) of its own.
 */
export function benchMerchant(index: number): BenchMerchant {
  return {
    merchantId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`,
    merchantVat: `DK${String(20_000_000 + index)}`,
  };
}
