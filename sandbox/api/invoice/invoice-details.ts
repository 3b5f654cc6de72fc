import type { TMerchant } from "../../portal/portal-directory";
import type { InvoiceData } from "./invoice-service";

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `GET …/invoices/{invoiceId}`: the detail fields of INV-GH api_reference.md. */
export function invoiceDetails(merchant: TMerchant, invoice: InvoiceData): Record<string, unknown> {
  const input = invoice.Input;
  const issuer = merchant.invoice_issuers.find((candidate) => candidate.id === input.InvoiceIssuer);
  const vatTotals = new Map<number, number>();
  for (const article of input.InvoiceArticles) {
    if (article.VATRate !== undefined && article.TotalVATAmount !== undefined) {
      vatTotals.set(article.VATRate, (vatTotals.get(article.VATRate) ?? 0) + article.TotalVATAmount);
    }
  }
  const totalVat = input.TotalVatAmount ?? 0;
  return {
    InvoiceId: invoice.InvoiceId,
    InvoiceNumber: input.InvoiceNumber ?? null,
    IssueDate: invoice.IssueDate,
    DueDate: input.DueDate,
    PaymentDate: invoice.PaymentDate,
    Comment: input.Comment ?? null,
    InvoiceArticles: input.InvoiceArticles.map((article) => ({
      ArticleNumber: article.ArticleNumber ?? null,
      ArticleDescription: article.ArticleDescription,
      TotalPriceIncludingVat: article.TotalPriceIncludingVat ?? null,
      Quantity: article.Quantity ?? null,
      PricePerUnit: article.PricePerUnit ?? null,
    })),
    CurrencyCode: invoice.CurrencyCode,
    TotalAmount: input.TotalAmount,
    InvoiceVatTotals: [...vatTotals].map(([VatRate, TotalVatAmount]) => ({
      VatRate,
      TotalVatAmount: round2(TotalVatAmount),
    })),
    TotalVatAmount: totalVat,
    TotalAmountExcludingVat: round2(input.TotalAmount - totalVat),
    MerchantId: merchant.merchant_id,
    InvoiceIssuerId: input.InvoiceIssuer,
    InvoiceIssuerName: issuer?.name ?? null,
    InvoiceIssuerAddress: issuer?.address ?? null,
    InvoiceIssuerZipcode: issuer?.zip_code ?? null,
    InvoiceIssuerCity: issuer?.city ?? null,
    MerchantIsoCountryCode: invoice.CountryCode,
    LogoUrl: null,
    Status: invoice.Status,
    InvoiceUrl: input.InvoiceUrl ?? null,
    UrlType: input.InvoiceUrl ? 1 : 0,
    PaymentTransactionId: invoice.PaymentTransactionId,
    PaymentReference: input.PaymentReference ?? null,
  };
}
