import { z } from "zod";

import {
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
import type { RuleContext } from "@/lib/calls/sample-call-context";
import { defineOperation } from "@/lib/calls/sample-operation";
import type { InvoiceDraft } from "@/lib/mobilepay/invoice/invoice-models";
import { refineHumanName } from "@/lib/validation/human-name";

const ZInvoiceIdSchema = z.object({ invoiceId: guid("Enter the invoice id (a GUID)") });

function invoiceSchema(kind: "direct" | "link") {
  return (rules: RuleContext) => {
    const limit = INVOICE_AMOUNT_LIMITS[rules.country];
    return z
      .object({
        invoiceIssuer: guid("Enter the invoice issuer id (a GUID); run “Invoice issuers” first"),
        consumerPhone: kind === "direct" ? phoneAlias : z.union([z.literal(""), phoneAlias]).optional(),
        consumerName: optionalText(100, "The name").superRefine((name, context) => {
          if (name !== undefined) refineHumanName(name, context);
        }),
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
  defineOperation("invoice.merchant-info", {
    schema: () => z.object({}),
    execute: (apis) => apis.invoice.getMerchant(),
  }),
  defineOperation("invoice.list-issuers", {
    schema: () => z.object({}),
    execute: (apis) => apis.invoice.listInvoiceIssuers(apis.mobilePayMerchantId),
  }),
  defineOperation("invoice.register-callback", {
    schema: (rules) => z.object({ callbackUrl: consoleCallbackUrl(rules, rules.callbackUrls.invoice) }),
    execute: (apis, input) =>
      apis.invoice.setCallbackBasicAuth(apis.mobilePayMerchantId, {
        ...apis.callbackCredentials,
        callbackUrl: input.callbackUrl,
      }),
  }),
  defineOperation("invoice.create-direct", {
    schema: invoiceSchema("direct"),
    execute: (apis, input) => apis.invoice.createInvoiceDirect(apis.mobilePayMerchantId, input),
  }),
  defineOperation("invoice.create-link", {
    schema: invoiceSchema("link"),
    execute: (apis, input) => apis.invoice.createInvoiceLink(apis.mobilePayMerchantId, input),
  }),
  defineOperation("invoice.get", {
    schema: () => ZInvoiceIdSchema,
    execute: (apis, input) => apis.invoice.getInvoice(apis.mobilePayMerchantId, input.invoiceId),
  }),
  defineOperation("invoice.get-status", {
    schema: () => ZInvoiceIdSchema,
    execute: (apis, input) => apis.invoice.getInvoiceStatus(apis.mobilePayMerchantId, input.invoiceId),
  }),
  defineOperation("invoice.cancel", {
    schema: () => ZInvoiceIdSchema,
    execute: (apis, input) => apis.invoice.cancelInvoice(apis.mobilePayMerchantId, input.invoiceId),
  }),
  defineOperation("invoice.simulate-accept", {
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
  defineOperation("invoice.simulate-reject", {
    schema: () => ZInvoiceIdSchema.extend({ appUserId: guid("Enter the app user's id (a GUID)") }),
    execute: (apis, input) => apis.invoice.simulateReject(input.invoiceId, { appUserId: input.appUserId }),
  }),
];
