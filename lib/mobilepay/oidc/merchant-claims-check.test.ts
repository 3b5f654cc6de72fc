import { describe, expect, it } from "vitest";

import { checkMerchantClaims } from "./merchant-claims-check";

const linked = { vatNumber: "DK12345678", mobilePayId: "m-1", role: "linked" } as const;

describe("checkMerchantClaims", () => {
  it("passes only when merchant_id and merchant_vat are both the merchant's", () => {
    expect(checkMerchantClaims({ merchant_id: "m-1", merchant_vat: "DK12345678" }, linked, "access token")).toEqual({
      name: "merchant_match",
      passed: true,
      detail: "access token: merchant_vat DK12345678, linked DK12345678; merchant_id present",
    });
    expect(checkMerchantClaims({ merchant_id: "m-2", merchant_vat: "DK12345678" }, linked).passed).toBe(false);
    expect(checkMerchantClaims({ merchant_id: "m-1", merchant_vat: "FI12345678" }, linked).passed).toBe(false);
    expect(checkMerchantClaims({ merchant_vat: "DK12345678" }, linked).passed).toBe(false);
    expect(checkMerchantClaims({ merchant_id: "m-1" }, linked).passed).toBe(false);
    expect(checkMerchantClaims({ merchant_id: 7, merchant_vat: "DK12345678" }, linked).passed).toBe(false);
  });

  it("before the first consent only the VAT number is known: any present merchant_id will do", () => {
    const invited = { vatNumber: "DK12345678", role: "invited" } as const;
    expect(checkMerchantClaims({ merchant_id: "m-9", merchant_vat: "DK12345678" }, invited).passed).toBe(true);
    expect(checkMerchantClaims({ merchant_id: "", merchant_vat: "DK12345678" }, invited)).toMatchObject({
      passed: false,
      detail: "merchant_vat DK12345678, invited DK12345678; merchant_id missing",
    });
  });

  it("says which token named which merchant", () => {
    expect(checkMerchantClaims({ merchant_id: "m-2", merchant_vat: "FI12345678" }, linked, "id_token").detail).toBe(
      "id_token: merchant_vat FI12345678, linked DK12345678; merchant_id not the linked merchant's",
    );
  });
});
