import { addDays, type FieldSpec, type OperationForm } from "@/lib/calls/operation-form";
import type { PrefillContext } from "@/lib/calls/sample-call-context";

const SAMPLE_PHONES = { DK: "+4512345678", FI: "+358401234567" } as const;

const invoiceIdField: FieldSpec = {
  name: "invoiceId",
  label: "Invoice id",
  kind: "text",
  hint: "Filled in from the last invoice you created",
  prefill: (context) => context.known.invoiceId ?? "",
};

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

export const INVOICE_FORMS: OperationForm[] = [
  {
    id: "invoice.merchant-info",
    product: "invoice",
    label: "Merchant info",
    description: "GET merchants/me: the MobilePay merchant id behind the token.",
    fields: [],
  },
  {
    id: "invoice.list-issuers",
    product: "invoice",
    label: "Invoice issuers",
    description: "The merchant's invoice issuers; an invoice names one of them.",
    fields: [],
  },
  {
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
  },
  {
    id: "invoice.create-direct",
    product: "invoice",
    label: "Create InvoiceDirect",
    description: "An invoice sent straight to the consumer's MobilePay app (needs the phone number).",
    fields: invoiceFields("direct"),
  },
  {
    id: "invoice.create-link",
    product: "invoice",
    label: "Create InvoiceLink",
    description: "An invoice behind a link the merchant shares; the answer carries the user-redirect link.",
    fields: invoiceFields("link"),
  },
  {
    id: "invoice.get",
    product: "invoice",
    label: "Get invoice",
    description: "The invoice's details.",
    fields: [invoiceIdField],
  },
  {
    id: "invoice.get-status",
    product: "invoice",
    label: "Get invoice status",
    description: "created, accepted, paid, rejected, expired or canceled.",
    fields: [invoiceIdField],
  },
  {
    id: "invoice.cancel",
    product: "invoice",
    label: "Cancel invoice",
    description: "Possible until the invoice is paid, rejected or expired.",
    fields: [invoiceIdField],
  },
  {
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
  },
  {
    id: "invoice.simulate-reject",
    product: "invoice",
    label: "Simulate: app user rejects",
    description: "Sandbox User Simulation. A link invoice must have been accepted (scheduled) first.",
    sandboxOnly: true,
    fields: [invoiceIdField, appUserField],
  },
];
