import { checkThat, type CheckResult } from "./check-result";

/** The merchant a set of MobilePay tokens must belong to. */
export type ExpectedMerchant = {
  vatNumber: string;
  /** MobilePay's merchant_id once the merchant is linked; unknown (null) before its first consent. */
  mobilePayId?: string | null;
  /** How the expected merchant is named in the check's detail: "invited" at link time, "linked" on refresh. */
  role: "invited" | "linked";
};

/**
 * The one rule that ties MobilePay's tokens to a merchant, at link time and on every refresh: the token
 * names a merchant_id, its merchant_vat is the merchant's VAT number and, once the merchant is linked, its
 * merchant_id is the linked one. `source` names the token in the detail ("id_token", "access token").
 */
export function checkMerchantClaims(
  claims: { merchant_id?: unknown; merchant_vat?: unknown },
  expected: ExpectedMerchant,
  source?: string,
): CheckResult {
  const merchantId = typeof claims.merchant_id === "string" && claims.merchant_id !== "" ? claims.merchant_id : null;
  const merchantVat = typeof claims.merchant_vat === "string" ? claims.merchant_vat : null;
  const idMatches = merchantId !== null && (!expected.mobilePayId || merchantId === expected.mobilePayId);
  const passed = idMatches && merchantVat === expected.vatNumber;
  const idFact = merchantId === null ? "missing" : idMatches ? "present" : `not the ${expected.role} merchant's`;
  return checkThat(
    "merchant_match",
    passed,
    `${source ? `${source}: ` : ""}merchant_vat ${merchantVat ?? "missing"}, ${expected.role} ${expected.vatNumber}; merchant_id ${idFact}`,
  );
}
