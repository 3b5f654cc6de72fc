import { z } from "zod";

import {
  addDays,
  amount,
  checkbox,
  consoleCallbackUrl,
  CURRENCY,
  dateWithin,
  FREQUENCIES,
  guid,
  integer,
  MAX_AMOUNT,
  optionalAmount,
  optionalText,
  PAYMENT_AMOUNT_LIMITS,
  requiredText,
  webUrl,
} from "@/lib/calls/field-rules";
import type { RuleContext } from "@/lib/calls/sample-call-context";
import { defineOperation, type FieldSpec } from "@/lib/calls/sample-operation";
import type { AgreementDraft } from "@/lib/mobilepay/subscriptions/subscriptions-models";

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

const providerId = guid("Enter the subscription provider id (a GUID); run “Merchant and providers” first");
const agreementId = guid("Enter the agreement id (a GUID)");
const paymentId = guid("Enter the payment id (a GUID)");
const appUserId = guid("Enter the app user's id (a GUID)");
const answer = z.enum(["Accepted", "Rejected"], { error: "Choose accepts or rejects" });
const requiredExternalId = requiredText(64, "Enter an external id (1–64 characters)");
const optionalExternalId = optionalText(64, "The external id");

function shortId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

const ZAgreementRefSchema = z.object({ providerId, agreementId });
const ZOneOffRefSchema = ZAgreementRefSchema.extend({ paymentId });

function agreementSchema(rules: RuleContext) {
  return z
    .object({
      providerId,
      amount: optionalAmount({
        min: 0,
        max: MAX_AMOUNT,
        minMessage: "The amount cannot be negative",
        maxMessage: "The amount is too large",
      }),
      plan: requiredText(30, "Enter a plan name (at most 30 characters)"),
      description: optionalText(60, "The description"),
      frequency: z.preprocess(
        (value) => (typeof value === "string" ? Number(value) : value),
        z.union(
          FREQUENCIES.map((frequency) => z.literal(frequency)),
          { error: `Frequency is one of ${FREQUENCIES.join(", ")}` },
        ),
      ),
      externalId: requiredExternalId,
      expirationTimeoutMinutes: integer(1, 181_440, "Between 1 and 181440 minutes (18 weeks)"),
      mobilePhoneNumber: z
        .union([z.literal(""), z.string().regex(/^(45\d{8}|358\d{6,10})$/, "Use 45xxxxxxxx (DK) or 358… (FI)")])
        .optional(),
      userRedirectUrl: webUrl(rules, "Enter the https:// page the user returns to"),
      successCallbackUrl: consoleCallbackUrl(rules, rules.callbackUrls.agreement),
      cancelCallbackUrl: consoleCallbackUrl(rules, rules.callbackUrls.agreement),
      withOneOff: checkbox,
      oneOffAmount: z.unknown().optional(),
      oneOffExternalId: z.unknown().optional(),
      oneOffDescription: z.unknown().optional(),
    })
    .superRefine((input, context) => {
      if (!input.withOneOff) return;
      const checks = {
        oneOffAmount: amount({
          min: 0.01,
          max: MAX_AMOUNT,
          minMessage: "The one-off amount must be at least 0.01",
          maxMessage: "The one-off amount is too large",
        }),
        oneOffExternalId: requiredText(64, "Enter the one-off's external id (1–64 characters)"),
        oneOffDescription: requiredText(60, "Describe the one-off (at most 60 characters)"),
      };
      for (const [name, schema] of Object.entries(checks)) {
        const result = schema.safeParse(input[name as keyof typeof checks]);
        if (!result.success)
          context.addIssue({ code: "custom", path: [name], message: result.error.issues[0]?.message ?? "Invalid" });
      }
    })
    .transform((input): { providerId: string; draft: AgreementDraft } => ({
      providerId: input.providerId,
      draft: {
        amount: input.amount,
        currency: CURRENCY[rules.country],
        countryCode: rules.country,
        plan: input.plan,
        description: input.description,
        frequency: input.frequency,
        externalId: input.externalId,
        expirationTimeoutMinutes: input.expirationTimeoutMinutes,
        mobilePhoneNumber: input.mobilePhoneNumber || undefined,
        userRedirectUrl: input.userRedirectUrl,
        successCallbackUrl: input.successCallbackUrl,
        cancelCallbackUrl: input.cancelCallbackUrl,
        oneOff: input.withOneOff
          ? {
              amount: Number(String(input.oneOffAmount).replace(",", ".")),
              externalId: String(input.oneOffExternalId).trim(),
              description: String(input.oneOffDescription).trim(),
            }
          : undefined,
      },
    }));
}

export const SUBSCRIPTIONS_OPERATIONS = [
  defineOperation({
    id: "subscriptions.merchant-info",
    product: "subscriptions",
    label: "Merchant and providers",
    description: "GET merchants/me: the merchant and its subscription providers.",
    fields: [],
    schema: () => z.object({}),
    execute: (apis) => apis.subscriptions.getMerchant(),
  }),
  defineOperation({
    id: "subscriptions.get-provider",
    product: "subscriptions",
    label: "Provider settings",
    description: "The provider's payment callback URL and callback authentication.",
    fields: [providerField],
    schema: () => z.object({ providerId }),
    execute: (apis, input) => apis.subscriptions.getProvider(input.providerId),
  }),
  defineOperation({
    id: "subscriptions.register-callback-auth",
    product: "subscriptions",
    label: "Register callback credentials",
    description: "PUT auth/basic: the provider's callbacks then carry credentials the console generated and checks.",
    fields: [providerField],
    schema: () => z.object({ providerId }),
    execute: (apis, input) =>
      apis.subscriptions.setCallbackBasicAuth(input.providerId, {
        userName: apis.callbackCredentials.username,
        password: apis.callbackCredentials.password,
      }),
  }),
  defineOperation({
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
    schema: (rules) => z.object({ providerId, callbackUrl: consoleCallbackUrl(rules, rules.callbackUrls.payment) }),
    execute: (apis, input) => apis.subscriptions.setPaymentCallbackUrl(input.providerId, input.callbackUrl),
  }),
  defineOperation({
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
    schema: agreementSchema,
    execute: (apis, input) => apis.subscriptions.createAgreement(input.providerId, input.draft),
  }),
  defineOperation({
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
    schema: () =>
      z.object({
        providerId,
        status: z.enum(["", "Pending", "Active", "Rejected", "Expired", "Canceled"]).optional(),
        pageNumber: integer(1, 100_000, "Pages start at 1"),
        pageSize: integer(1, 2000, "Between 1 and 2000"),
      }),
    execute: (apis, input) =>
      apis.subscriptions.listAgreements(input.providerId, {
        pageNumber: input.pageNumber,
        pageSize: input.pageSize,
        status: input.status || undefined,
      }),
  }),
  defineOperation({
    id: "subscriptions.get-agreement",
    product: "subscriptions",
    label: "Get agreement",
    description: "Status and details of one agreement.",
    fields: [providerField, agreementField],
    schema: () => ZAgreementRefSchema,
    execute: (apis, input) => apis.subscriptions.getAgreement(input.providerId, input.agreementId),
  }),
  defineOperation({
    id: "subscriptions.cancel-agreement",
    product: "subscriptions",
    label: "Cancel agreement",
    description: "Cancels a pending or active agreement for good.",
    fields: [providerField, agreementField],
    schema: () => ZAgreementRefSchema,
    execute: (apis, input) => apis.subscriptions.cancelAgreement(input.providerId, input.agreementId),
  }),
  defineOperation({
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
    schema: (rules) => {
      const limit = PAYMENT_AMOUNT_LIMITS[rules.country];
      return ZAgreementRefSchema.extend({
        amount: amount({
          min: 0.01,
          max: limit,
          minMessage: "The amount must be at least 0.01",
          maxMessage: `At most ${limit.toLocaleString("en")} ${CURRENCY[rules.country]} in ${rules.country}`,
        }),
        dueDate: dateWithin(rules, 1, 126, "The due date must be 1 to 126 days from today"),
        externalId: requiredExternalId,
        description: requiredText(60, "Describe the payment (at most 60 characters)"),
        gracePeriodDays: z.enum(["", "1", "2", "3"], { error: "Grace period is 1, 2 or 3 days" }).optional(),
      });
    },
    execute: (apis, input) =>
      apis.subscriptions.createPaymentRequests(input.providerId, [
        {
          agreementId: input.agreementId,
          amount: input.amount,
          dueDate: input.dueDate,
          externalId: input.externalId,
          description: input.description,
          gracePeriodDays: input.gracePeriodDays ? Number(input.gracePeriodDays) : undefined,
        },
      ]),
  }),
  defineOperation({
    id: "subscriptions.list-payment-requests",
    product: "subscriptions",
    label: "List payment requests",
    description: "The agreement's recurring payments and their status.",
    fields: [providerField, agreementField],
    schema: () => ZAgreementRefSchema,
    execute: (apis, input) => apis.subscriptions.listPaymentRequests(input.providerId, input.agreementId),
  }),
  defineOperation({
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
    schema: () =>
      ZAgreementRefSchema.extend({
        amount: amount({
          min: 0.01,
          max: MAX_AMOUNT,
          minMessage: "At least 0.01",
          maxMessage: "The amount is too large",
        }),
        externalId: requiredExternalId,
        description: requiredText(60, "Describe the one-off (at most 60 characters)"),
      }),
    execute: (apis, input) =>
      apis.subscriptions.createOneOff(input.providerId, input.agreementId, {
        amount: input.amount,
        externalId: input.externalId,
        description: input.description,
      }),
  }),
  defineOperation({
    id: "subscriptions.get-one-off",
    product: "subscriptions",
    label: "Get one-off",
    description: "Requested, Reserved, Captured, Rejected, Expired or Canceled.",
    fields: [providerField, oneOffAgreementField, oneOffField],
    schema: () => ZOneOffRefSchema,
    execute: (apis, input) => apis.subscriptions.getOneOff(input.providerId, input.agreementId, input.paymentId),
  }),
  defineOperation({
    id: "subscriptions.capture-one-off",
    product: "subscriptions",
    label: "Capture one-off",
    description: "Captures a reserved one-off, once, for the full amount.",
    fields: [providerField, oneOffAgreementField, oneOffField],
    schema: () => ZOneOffRefSchema,
    execute: (apis, input) => apis.subscriptions.captureOneOff(input.providerId, input.agreementId, input.paymentId),
  }),
  defineOperation({
    id: "subscriptions.cancel-one-off",
    product: "subscriptions",
    label: "Cancel one-off",
    description: "Cancels a requested or reserved one-off.",
    fields: [providerField, oneOffAgreementField, oneOffField],
    schema: () => ZOneOffRefSchema,
    execute: (apis, input) => apis.subscriptions.cancelOneOff(input.providerId, input.agreementId, input.paymentId),
  }),
  defineOperation({
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
    schema: (rules) =>
      ZOneOffRefSchema.extend({
        amount: optionalAmount({ min: 0.01, max: MAX_AMOUNT, minMessage: "At least 0.01", maxMessage: "Too large" }),
        externalId: optionalExternalId,
        statusCallbackUrl: consoleCallbackUrl(rules, rules.callbackUrls.refund),
      }),
    execute: (apis, input) =>
      apis.subscriptions.createRefund(input.providerId, input.agreementId, input.paymentId, {
        amount: input.amount,
        externalId: input.externalId,
        statusCallbackUrl: input.statusCallbackUrl,
      }),
  }),
  defineOperation({
    id: "subscriptions.simulate-agreement",
    product: "subscriptions",
    label: "Simulate: answer agreement",
    description: "Sandbox User Simulation: the app user accepts or rejects a pending agreement.",
    sandboxOnly: true,
    fields: [agreementField, answerField, appUserField],
    schema: () => z.object({ agreementId, answer, appUserId }),
    execute: (apis, input) =>
      apis.subscriptions.simulateAgreementAnswer(input.agreementId, input.answer, input.appUserId),
  }),
  defineOperation({
    id: "subscriptions.simulate-one-off",
    product: "subscriptions",
    label: "Simulate: answer one-off",
    description: "Sandbox User Simulation: the app user reserves or rejects a requested one-off.",
    sandboxOnly: true,
    fields: [oneOffAgreementField, oneOffField, answerField, appUserField],
    schema: () => z.object({ agreementId, paymentId, answer, appUserId }),
    execute: (apis, input) =>
      apis.subscriptions.simulateOneOffAnswer(input.agreementId, input.paymentId, input.answer, input.appUserId),
  }),
];
