import { describe, expect, it } from "vitest";

import { mayBePartOfVatNumber, VAT_NUMBER_FORMAT } from "@/lib/links/vat-number";

describe("mayBePartOfVatNumber", () => {
  it("holds for every part of a VAT number, in any case", () => {
    for (const vat of ["DK12345678", "FI87654321"]) {
      expect(vat).toMatch(VAT_NUMBER_FORMAT);
      for (let start = 0; start < vat.length; start++) {
        for (let end = start + 1; end <= vat.length; end++) {
          expect(mayBePartOfVatNumber(vat.slice(start, end))).toBe(true);
          expect(mayBePartOfVatNumber(vat.slice(start, end).toLowerCase())).toBe(true);
        }
      }
    }
  });

  it("fails for text no VAT number contains", () => {
    for (const text of ["Bos Cykler", "kaffe", "DK 1234", "DK-1234", "123456789", "DKK1", "100%", "1D"]) {
      expect(mayBePartOfVatNumber(text)).toBe(false);
    }
  });
});
