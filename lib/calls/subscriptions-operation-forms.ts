import { addDays, FREQUENCIES, type FieldSpec, type OperationForm } from "@/lib/calls/operation-form";

const providerField: FieldSpec = {
  name: "providerId",
  label: "Subscription provider id",
  kind: "text",
  hint: "Run “Merchant and providers” to fill this in",
  prefill: (context) => context.known.providerId ?? "",
};
const agreementField: FieldSpec = {
  name: "agreementId",
  label: "Agreement id",
  kind: "text",
  hint: "Filled in from the last agreement you created",
  prefill: (context) => context.known.agreementId ?? "",
};
const oneOffAgreementField: FieldSpec = {
  ...agreementField,
  prefill: (context) => context.known.oneOff?.agreementId ?? context.known.agreementId ?? "",
};
const oneOffField: FieldSpec = {
  name: "paymentId",
  label: "One-off payment id",
  kind: "text",
  hint: "Filled in from the last one-off payment",
  prefill: (context) => context.known.oneOff?.paymentId ?? "",
};
const appUserField: FieldSpec = {
  name: "appUserId",
  label: "App user (AuthenticatedUser)",
  kind: "text",
  hint: "A MobilePay app user of the sandbox",
  prefill: (context) => context.appUser?.id ?? "",
};
const answerField: FieldSpec = {
  name: "answer",
  label: "The app user",
  kind: "select",
  options: [
    { value: "Accepted", label: "accepts" },
    { value: "Rejected", label: "rejects" },
  ],
  prefill: () => "Accepted",
};

function shortId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

export const SUBSCRIPTIONS_FORMS: OperationForm[] = [
  {
    id: "subscriptions.merchant-info",
    product: "subscriptions",
    label: "Merchant and providers",
    description: "GET merchants/me: the merchant and its subscription providers.",
    fields: [],
  },
  {
    id: "subscriptions.get-provider",
    product: "subscriptions",
    label: "Provider settings",
    description: "The provider's payment callback URL and callback authentication.",
    fields: [providerField],
  },
  {
    id: "subscriptions.register-callback-auth",
    product: "subscriptions",
    label: "Register callback credentials",
    description: "PUT auth/basic: the provider's callbacks then carry credentials the console generated and checks.",
    fields: [providerField],
  },
  {
    id: "subscriptions.register-payment-callback",
    product: "subscriptions",
    label: "Register payment callback URL",
    description: "PATCH the provider's payment_status_callback_url to the console's endpoint (https at MobilePay).",
    fields: [
      providerField,
      {
        name: "callbackUrl",
        label: "Callback URL",
        kind: "text",
        readOnly: true,
        prefill: (context) => context.callbackUrls.payment,
      },
    ],
  },
  {
    id: "subscriptions.create-agreement",
    product: "subscriptions",
    label: "Create agreement",
    description: "A pending agreement the user accepts in the app; optionally with a one-off payment.",
    fields: [
      providerField,
      { name: "plan", label: "Plan", kind: "text", prefill: () => "Sample plan" },
      {
        name: "description",
        label: "Description",
        kind: "text",
        prefill: () => "Sample agreement from the Link Console",
      },
      { name: "amount", label: "Amount shown to the user", kind: "number", prefill: () => "19.90" },
      {
        name: "frequency",
        label: "Frequency (payments a year)",
        kind: "select",
        options: FREQUENCIES.map((frequency) => ({
          value: String(frequency),
          label: frequency === 0 ? "0 (flexible)" : String(frequency),
        })),
        prefill: () => "12",
      },
      { name: "externalId", label: "External id", kind: "text", prefill: () => shortId("customer") },
      { name: "expirationTimeoutMinutes", label: "Expires after (minutes)", kind: "number", prefill: () => "60" },
      { name: "mobilePhoneNumber", label: "Mobile phone (optional, 45xxxxxxxx)", kind: "text", prefill: () => "" },
      {
        name: "userRedirectUrl",
        label: "User redirect",
        kind: "text",
        prefill: () => "https://shop.example/agreement-done",
      },
      {
        name: "successCallbackUrl",
        label: "Success callback",
        kind: "text",
        readOnly: true,
        prefill: (context) => context.callbackUrls.agreement,
      },
      {
        name: "cancelCallbackUrl",
        label: "Cancel callback",
        kind: "text",
        readOnly: true,
        prefill: (context) => context.callbackUrls.agreement,
      },
      { name: "withOneOff", label: "With a one-off payment", kind: "checkbox", prefill: () => false },
      { name: "oneOffAmount", label: "One-off amount", kind: "number", prefill: () => "25.00" },
      { name: "oneOffExternalId", label: "One-off external id", kind: "text", prefill: () => shortId("first-box") },
      { name: "oneOffDescription", label: "One-off description", kind: "text", prefill: () => "Starter box" },
    ],
  },
  {
    id: "subscriptions.list-agreements",
    product: "subscriptions",
    label: "List agreements",
    description: "One page of the provider's agreements, optionally by status.",
    fields: [
      providerField,
      {
        name: "status",
        label: "Status",
        kind: "select",
        options: [
          { value: "", label: "any" },
          ...["Pending", "Active", "Rejected", "Expired", "Canceled"].map((value) => ({ value, label: value })),
        ],
        prefill: () => "",
      },
      { name: "pageNumber", label: "Page number", kind: "number", prefill: () => "1" },
      { name: "pageSize", label: "Page size", kind: "number", prefill: () => "20" },
    ],
  },
  {
    id: "subscriptions.get-agreement",
    product: "subscriptions",
    label: "Get agreement",
    description: "Status and details of one agreement.",
    fields: [providerField, agreementField],
  },
  {
    id: "subscriptions.cancel-agreement",
    product: "subscriptions",
    label: "Cancel agreement",
    description: "Cancels a pending or active agreement for good.",
    fields: [providerField, agreementField],
  },
  {
    id: "subscriptions.create-payment-request",
    product: "subscriptions",
    label: "Request a payment",
    description: "A recurring payment on an active agreement, due 1–126 days from today.",
    fields: [
      providerField,
      agreementField,
      { name: "amount", label: "Amount", kind: "number", prefill: () => "19.90" },
      { name: "dueDate", label: "Due date", kind: "date", prefill: (context) => addDays(context.today, 7) },
      { name: "externalId", label: "External id", kind: "text", prefill: () => shortId("payment") },
      { name: "description", label: "Description", kind: "text", prefill: () => "Sample payment" },
      {
        name: "gracePeriodDays",
        label: "Grace period (days)",
        kind: "select",
        options: [
          { value: "", label: "none" },
          { value: "1", label: "1" },
          { value: "2", label: "2" },
          { value: "3", label: "3" },
        ],
        prefill: () => "",
      },
    ],
  },
  {
    id: "subscriptions.list-payment-requests",
    product: "subscriptions",
    label: "List payment requests",
    description: "The agreement's recurring payments and their status.",
    fields: [providerField, agreementField],
  },
  {
    id: "subscriptions.create-one-off",
    product: "subscriptions",
    label: "Request a one-off",
    description: "A one-off payment on an active agreement; the user confirms it in the app.",
    fields: [
      providerField,
      agreementField,
      { name: "amount", label: "Amount", kind: "number", prefill: () => "12.50" },
      { name: "externalId", label: "External id", kind: "text", prefill: () => shortId("one-off") },
      { name: "description", label: "Description", kind: "text", prefill: () => "Extra delivery" },
    ],
  },
  {
    id: "subscriptions.get-one-off",
    product: "subscriptions",
    label: "Get one-off",
    description: "Requested, Reserved, Captured, Rejected, Expired or Canceled.",
    fields: [providerField, oneOffAgreementField, oneOffField],
  },
  {
    id: "subscriptions.capture-one-off",
    product: "subscriptions",
    label: "Capture one-off",
    description: "Captures a reserved one-off, once, for the full amount.",
    fields: [providerField, oneOffAgreementField, oneOffField],
  },
  {
    id: "subscriptions.cancel-one-off",
    product: "subscriptions",
    label: "Cancel one-off",
    description: "Cancels a requested or reserved one-off.",
    fields: [providerField, oneOffAgreementField, oneOffField],
  },
  {
    id: "subscriptions.create-refund",
    product: "subscriptions",
    label: "Refund",
    description: "Refunds a captured one-off or an executed payment (within 90 days); empty amount = full refund.",
    fields: [
      providerField,
      oneOffAgreementField,
      {
        name: "paymentId",
        label: "Payment id",
        kind: "text",
        hint: "A captured one-off or an executed payment",
        prefill: (context) => context.known.oneOff?.paymentId ?? context.known.paymentId ?? "",
      },
      { name: "amount", label: "Amount (empty = full refund)", kind: "number", prefill: () => "" },
      { name: "externalId", label: "External id", kind: "text", prefill: () => shortId("refund") },
      {
        name: "statusCallbackUrl",
        label: "Status callback",
        kind: "text",
        readOnly: true,
        prefill: (context) => context.callbackUrls.refund,
      },
    ],
  },
  {
    id: "subscriptions.simulate-agreement",
    product: "subscriptions",
    label: "Simulate: answer agreement",
    description: "Sandbox User Simulation: the app user accepts or rejects a pending agreement.",
    sandboxOnly: true,
    fields: [agreementField, answerField, appUserField],
  },
  {
    id: "subscriptions.simulate-one-off",
    product: "subscriptions",
    label: "Simulate: answer one-off",
    description: "Sandbox User Simulation: the app user reserves or rejects a requested one-off.",
    sandboxOnly: true,
    fields: [oneOffAgreementField, oneOffField, answerField, appUserField],
  },
];
