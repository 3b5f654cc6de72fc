/** A merchant's VAT number as MobilePay knows it: the country (Denmark or Finland) and 8 digits. */
export const VAT_NUMBER_FORMAT = /^(DK|FI)\d{8}$/;

/**
 * Whether a search text could be part of a VAT number: every part of one is at most two letters followed
 * by digits. A search for a name ("Bos Cykler", "Kaffe A/S") then skips the VAT column, and with it half
 * the work of a substring search, which reads every merchant.
 */
export function mayBePartOfVatNumber(text: string): boolean {
  return /^[A-Z]{0,2}\d{0,8}$/.test(text.toUpperCase());
}
