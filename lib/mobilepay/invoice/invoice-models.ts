import { z } from "zod";

import { eitherCase, nullish, ZWireAmountSchema } from "@/lib/mobilepay/api/wire-case";

/** Invoice statuses in lower case: MobilePay's own casing varies between GET answers and callbacks. */
export const ZInvoiceStatusSchema = z.string().transform((status) => status.toLowerCase());

export const ZInvoiceMerchantSchema = eitherCase(z.object({ merchantId: z.string() }));
export type InvoiceMerchant = z.infer<typeof ZInvoiceMerchantSchema>;

const ZInvoiceIssuerWireSchema = z.object({
  id: z.string(),
  name: z.string(),
  accountType: nullish(z.string()),
  status: z.string().transform((status) => status.toLowerCase()),
  address: nullish(z.string()),
  city: nullish(z.string()),
  zipCode: nullish(z.string()),
});
export const ZInvoiceIssuersSchema = eitherCase(
  z.object({ invoiceIssuers: z.array(ZInvoiceIssuerWireSchema) }).transform((body) => body.invoiceIssuers),
);
export type InvoiceIssuer = z.infer<typeof ZInvoiceIssuerWireSchema>;

const ZLinkSchema = z.object({ rel: z.string(), href: z.string() });

/** InvoiceDirect answers `{InvoiceId}`; InvoiceLink adds `Links` with the user-redirect link. */
export const ZCreatedInvoiceSchema = eitherCase(
  z.object({ invoiceId: z.string(), links: z.array(ZLinkSchema).nullish() }).transform((body) => ({
    invoiceId: body.invoiceId,
    userRedirectUrl: body.links?.find((link) => link.rel.toLowerCase() === "user-redirect")?.href ?? null,
  })),
);
export type CreatedInvoice = z.infer<typeof ZCreatedInvoiceSchema>;

export const ZInvoiceDetailsSchema = eitherCase(
  z.object({
    invoiceId: z.string(),
    invoiceNumber: nullish(z.string()),
    issueDate: nullish(z.string()),
    dueDate: z.string(),
    paymentDate: nullish(z.string()),
    comment: nullish(z.string()),
    currencyCode: nullish(z.string()),
    totalAmount: ZWireAmountSchema,
    totalVatAmount: nullish(ZWireAmountSchema),
    merchantId: nullish(z.string()),
    invoiceIssuerId: nullish(z.string()),
    invoiceIssuerName: nullish(z.string()),
    status: ZInvoiceStatusSchema,
    paymentReference: nullish(z.string()),
    paymentTransactionId: nullish(z.string()),
    invoiceArticles: z
      .array(
        z.object({
          articleNumber: nullish(z.string()),
          articleDescription: z.string(),
          totalPriceIncludingVat: nullish(ZWireAmountSchema),
          quantity: nullish(ZWireAmountSchema),
          pricePerUnit: nullish(ZWireAmountSchema),
        }),
      )
      .default([]),
  }),
);
export type InvoiceDetails = z.infer<typeof ZInvoiceDetailsSchema>;

export const ZInvoiceStatusAnswerSchema = eitherCase(z.object({ invoiceId: z.string(), status: ZInvoiceStatusSchema }));
export type InvoiceStatusAnswer = z.infer<typeof ZInvoiceStatusAnswerSchema>;

/** User simulation accept: `{invoiceId, invoicePaymentStatus, receipt, redirectUrl}`. */
export const ZInvoiceAcceptedSchema = eitherCase(
  z.object({
    invoiceId: z.string(),
    invoicePaymentStatus: ZInvoiceStatusSchema,
    receipt: nullish(z.string()),
    redirectUrl: nullish(z.string()),
  }),
);
export type InvoiceAccepted = z.infer<typeof ZInvoiceAcceptedSchema>;

/** An invoice as the app builds it; mapped to MobilePay's PascalCase body by `toWireInvoice`. */
export type InvoiceDraft = {
  invoiceIssuer: string;
  /** Phone alias with country code, e.g. +4512345678; required for InvoiceDirect. */
  consumerPhone?: string;
  consumerName?: string;
  totalAmount: number;
  totalVatAmount?: number;
  invoiceNumber?: string;
  paymentReference?: string;
  issueDate?: string;
  dueDate: string;
  comment?: string;
  invoiceUrl?: string;
  /** InvoiceLink only: where the user lands after accepting or paying. */
  redirectUrl?: string;
  articles: {
    description: string;
    quantity?: number;
    pricePerUnit?: number;
    vatRate?: number;
    totalPriceIncludingVat?: number;
  }[];
};

function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as Partial<T>;
}

/** InvoiceInputModel / InvoiceLinkInputModel in the documented PascalCase. */
export function toWireInvoice(draft: InvoiceDraft, kind: "direct" | "link"): Record<string, unknown> {
  return defined({
    InvoiceIssuer: draft.invoiceIssuer,
    ConsumerAlias: draft.consumerPhone ? { Alias: draft.consumerPhone, AliasType: "Phone" } : undefined,
    ConsumerName: draft.consumerName,
    TotalAmount: draft.totalAmount,
    TotalVatAmount: draft.totalVatAmount,
    InvoiceNumber: draft.invoiceNumber,
    PaymentReference: draft.paymentReference,
    IssueDate: draft.issueDate,
    DueDate: draft.dueDate,
    Comment: draft.comment,
    InvoiceUrl: draft.invoiceUrl,
    RedirectUrl: kind === "link" ? draft.redirectUrl : undefined,
    InvoiceArticles: draft.articles.map((article) =>
      defined({
        ArticleDescription: article.description,
        Quantity: article.quantity,
        PricePerUnit: article.pricePerUnit,
        VATRate: article.vatRate,
        TotalPriceIncludingVat: article.totalPriceIncludingVat,
      }),
    ),
  });
}
