import { z } from "zod";

import {
  addDays,
  amount,
  consoleCallbackUrl,
  dateWithin,
  guid,
  INVOICE_AMOUNT_LIMITS,
  isoDate,
  optionalAmount,
  optionalText,
  phoneAlias,
  requiredText,
  webUrl,
} from "@/lib/calls/field-rules";
import type { PrefillContext, RuleContext } from "@/lib/calls/sample-call-context";
import { defineOperation, type FieldSpec } from "@/lib/calls/sample-operation";
import type { InvoiceDraft } from "@/lib/mobilepay/invoice/invoice-models";

const SAMPLE_PHONES = { DK: "+4512345678", FI: "+358401234567" } as const;

const invoiceIdField: FieldSpec = {
  name: "invoiceId",
  label: "Invoice id",
  kind: "text",
  hint: "Filled in from the last invoice you created",
  prefill: (context) => context.known.invoiceId ?? "",
};
const ZInvoiceIdSchema = z.object({ invoiceId: guid("Enter the invoice id (a GUID)") });

const appUserField: FieldSpec = {
  name: "appUserId",
  label: "App user (AuthenticatedUser)",
  kind: "text",
  hint: "A MobilePay app user of the sandbox",
  prefill: (context) => context.appUser?.id ?? "",
};

function uniqueNumber(prefix: string): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}`;
}

function invoiceFields(kind: "direct" | "link"): FieldSpec[] {
  return [
    {
      name: "invoiceIssuer",
      label: "Invoice issuer id",
      kind: "text",
      hint: "Run “Invoice issuers” to fill this in",
      prefill: (context) => context.known.invoiceIssuerId ?? "",
    },
    {
      name: "consumerPhone",
      label: kind === "direct" ? "Consumer phone" : "Consumer phone (optional, pre-fills the landing page)",
      kind: "text",
      prefill: (context: PrefillContext) =>
        kind === "direct" ? (context.appUser?.phone ?? SAMPLE_PHONES[context.country]) : "",
    },
    { name: "consumerName", label: "Consumer name", kind: "text", prefill: (context) => context.appUser?.name ?? "" },
    { name: "invoiceNumber", label: "Invoice number", kind: "text", prefill: () => uniqueNumber("INV") },
    { name: "totalAmount", label: "Total amount", kind: "number", prefill: () => "49.90" },
    { name: "totalVatAmount", label: "VAT amount", kind: "number", prefill: () => "" },
    { name: "issueDate", label: "Issue date", kind: "date", prefill: (context) => context.today },
    { name: "dueDate", label: "Due date", kind: "date", prefill: (context) => addDays(context.today, 14) },
    { name: "articleDescription", label: "Article", kind: "text", prefill: () => "Sample article" },
    { name: "comment", label: "Comment", kind: "text", prefill: () => "Sample invoice from the Link Console" },
    ...(kind === "link"
      ? [
          {
            name: "redirectUrl",
            label: "Redirect URL (after accept or pay)",
            kind: "text",
            prefill: () => "https://shop.example/invoice-done",
          } satisfies FieldSpec,
        ]
      : []),
  ];
}

function invoiceSchema(kind: "direct" | "link") {
  return (rules: RuleContext) => {
    const limit = INVOICE_AMOUNT_LIMITS[rules.country];
    return z
      .object({
        invoiceIssuer: guid("Enter the invoice issuer id (a GUID); run “Invoice issuers” first"),
        consumerPhone: kind === "direct" ? phoneAlias : z.union([z.literal(""), phoneAlias]).optional(),
        consumerName: optionalText(100, "The name"),
        invoiceNumber: optionalText(60, "The invoice number"),
        paymentReference: optionalText(60, "The payment reference"),
        totalAmount: amount({
          min: 0.01,
          max: limit,
          minMessage: "The amount must be greater than 0",
          maxMessage: `At most ${limit.toLocaleString("en")} ${rules.country === "DK" ? "DKK" : "EUR"} in ${rules.country}`,
        }),
        totalVatAmount: optionalAmount({
          min: 0,
          max: limit,
          minMessage: "The VAT amount cannot be negative",
          maxMessage: "The VAT amount cannot exceed the total",
        }),
        issueDate: z
          .union([
            z.literal(""),
            isoDate.refine((date) => date <= rules.today, "The issue date cannot be later than today"),
          ])
          .optional(),
        dueDate: dateWithin(rules, 0, 399, "The due date must be between today and 399 days from today"),
        articleDescription: requiredText(200, "Describe at least one article"),
        comment: optionalText(500, "The comment"),
        redirectUrl:
          kind === "link"
            ? z.union([z.literal(""), webUrl(rules, "Enter an https:// URL")]).optional()
            : z.unknown().optional(),
      })
      .refine((input) => input.invoiceNumber !== undefined || input.paymentReference !== undefined, {
        message: "Give an invoice number or a payment reference",
        path: ["invoiceNumber"],
      })
      .refine((input) => input.totalVatAmount === undefined || input.totalVatAmount <= input.totalAmount, {
        message: "The VAT amount cannot exceed the total",
        path: ["totalVatAmount"],
      })
      .transform((input): InvoiceDraft => ({
        invoiceIssuer: input.invoiceIssuer,
        consumerPhone: input.consumerPhone || undefined,
        consumerName: input.consumerName,
        totalAmount: input.totalAmount,
        totalVatAmount: input.totalVatAmount,
        invoiceNumber: input.invoiceNumber,
        paymentReference: input.paymentReference,
        issueDate: input.issueDate || undefined,
        dueDate: input.dueDate,
        comment: input.comment,
        redirectUrl: typeof input.redirectUrl === "string" && input.redirectUrl ? input.redirectUrl : undefined,
        articles: [{ description: input.articleDescription, quantity: 1, pricePerUnit: input.totalAmount }],
      }));
  };
}

export const INVOICE_OPERATIONS = [
  defineOperation({
    id: "invoice.merchant-info",
    product: "invoice",
    label: "Merchant info",
    description: "GET merchants/me: the MobilePay merchant id behind the token.",
    fields: [],
    schema: () => z.object({}),
    execute: (apis) => apis.invoice.getMerchant(),
  }),
  defineOperation({
    id: "invoice.list-issuers",
    product: "invoice",
    label: "Invoice issuers",
    description: "The merchant's invoice issuers; an invoice names one of them.",
    fields: [],
    schema: () => z.object({}),
    execute: (apis) => apis.invoice.listInvoiceIssuers(apis.mobilePayMerchantId),
  }),
  defineOperation({
    id: "invoice.register-callback",
    product: "invoice",
    label: "Register invoice callbacks",
    description:
      "PUT auth/basic: MobilePay sends invoice status callbacks to the console with credentials it generates.",
    fields: [
      {
        name: "callbackUrl",
        label: "Callback URL",
        kind: "text",
        readOnly: true,
        prefill: (context) => context.callbackUrls.invoice,
      },
    ],
    schema: (rules) => z.object({ callbackUrl: consoleCallbackUrl(rules, rules.callbackUrls.invoice) }),
    execute: (apis, input) =>
      apis.invoice.setCallbackBasicAuth(apis.mobilePayMerchantId, {
        ...apis.callbackCredentials,
        callbackUrl: input.callbackUrl,
      }),
  }),
  defineOperation({
    id: "invoice.create-direct",
    product: "invoice",
    label: "Create InvoiceDirect",
    description: "An invoice sent straight to the consumer's MobilePay app (needs the phone number).",
    fields: invoiceFields("direct"),
    schema: invoiceSchema("direct"),
    execute: (apis, input) => apis.invoice.createInvoiceDirect(apis.mobilePayMerchantId, input),
  }),
  defineOperation({
    id: "invoice.create-link",
    product: "invoice",
    label: "Create InvoiceLink",
    description: "An invoice behind a link the merchant shares; the answer carries the user-redirect link.",
    fields: invoiceFields("link"),
    schema: invoiceSchema("link"),
    execute: (apis, input) => apis.invoice.createInvoiceLink(apis.mobilePayMerchantId, input),
  }),
  defineOperation({
    id: "invoice.get",
    product: "invoice",
    label: "Get invoice",
    description: "The invoice's details.",
    fields: [invoiceIdField],
    schema: () => ZInvoiceIdSchema,
    execute: (apis, input) => apis.invoice.getInvoice(apis.mobilePayMerchantId, input.invoiceId),
  }),
  defineOperation({
    id: "invoice.get-status",
    product: "invoice",
    label: "Get invoice status",
    description: "created, accepted, paid, rejected, expired or canceled.",
    fields: [invoiceIdField],
    schema: () => ZInvoiceIdSchema,
    execute: (apis, input) => apis.invoice.getInvoiceStatus(apis.mobilePayMerchantId, input.invoiceId),
  }),
  defineOperation({
    id: "invoice.cancel",
    product: "invoice",
    label: "Cancel invoice",
    description: "Possible until the invoice is paid, rejected or expired.",
    fields: [invoiceIdField],
    schema: () => ZInvoiceIdSchema,
    execute: (apis, input) => apis.invoice.cancelInvoice(apis.mobilePayMerchantId, input.invoiceId),
  }),
  defineOperation({
    id: "invoice.simulate-accept",
    product: "invoice",
    label: "Simulate: app user accepts",
    description: "Sandbox User Simulation: pays now, or schedules the payment for a later date.",
    sandboxOnly: true,
    fields: [
      invoiceIdField,
      appUserField,
      { name: "paymentDate", label: "Payment date (empty = pay now)", kind: "date", prefill: () => "" },
    ],
    schema: () =>
      ZInvoiceIdSchema.extend({
        appUserId: guid("Enter the app user's id (a GUID)"),
        paymentDate: z.union([z.literal(""), isoDate]).optional(),
      }),
    execute: (apis, input) =>
      apis.invoice.simulateAccept(input.invoiceId, {
        appUserId: input.appUserId,
        paymentDate: input.paymentDate || undefined,
      }),
  }),
  defineOperation({
    id: "invoice.simulate-reject",
    product: "invoice",
    label: "Simulate: app user rejects",
    description: "Sandbox User Simulation. A link invoice must have been accepted (scheduled) first.",
    sandboxOnly: true,
    fields: [invoiceIdField, appUserField],
    schema: () => ZInvoiceIdSchema.extend({ appUserId: guid("Enter the app user's id (a GUID)") }),
    execute: (apis, input) => apis.invoice.simulateReject(input.invoiceId, { appUserId: input.appUserId }),
  }),
];
