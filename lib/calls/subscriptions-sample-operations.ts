import { z } from "zod";

import {
  amount,
  checkbox,
  consoleCallbackUrl,
  CURRENCY,
  dateWithin,
  guid,
  integer,
  MAX_AMOUNT,
  optionalAmount,
  optionalText,
  PAYMENT_AMOUNT_LIMITS,
  requiredText,
  webUrl,
} from "@/lib/calls/field-rules";
import { FREQUENCIES } from "@/lib/calls/operation-form";
import type { RuleContext } from "@/lib/calls/sample-call-context";
import { defineOperation } from "@/lib/calls/sample-operation";
import type { AgreementDraft } from "@/lib/mobilepay/subscriptions/subscriptions-models";

const providerId = guid("Enter the subscription provider id (a GUID); run “Merchant and providers” first");
const agreementId = guid("Enter the agreement id (a GUID)");
const paymentId = guid("Enter the payment id (a GUID)");
const appUserId = guid("Enter the app user's id (a GUID)");
const answer = z.enum(["Accepted", "Rejected"], { error: "Choose accepts or rejects" });
const requiredExternalId = requiredText(64, "Enter an external id (1–64 characters)");
const optionalExternalId = optionalText(64, "The external id");

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
  defineOperation("subscriptions.merchant-info", {
    schema: () => z.object({}),
    execute: (apis) => apis.subscriptions.getMerchant(),
  }),
  defineOperation("subscriptions.get-provider", {
    schema: () => z.object({ providerId }),
    execute: (apis, input) => apis.subscriptions.getProvider(input.providerId),
  }),
  defineOperation("subscriptions.register-callback-auth", {
    schema: () => z.object({ providerId }),
    execute: (apis, input) =>
      apis.subscriptions.setCallbackBasicAuth(input.providerId, {
        userName: apis.callbackCredentials.username,
        password: apis.callbackCredentials.password,
      }),
  }),
  defineOperation("subscriptions.register-payment-callback", {
    schema: (rules) => z.object({ providerId, callbackUrl: consoleCallbackUrl(rules, rules.callbackUrls.payment) }),
    execute: (apis, input) => apis.subscriptions.setPaymentCallbackUrl(input.providerId, input.callbackUrl),
  }),
  defineOperation("subscriptions.create-agreement", {
    schema: agreementSchema,
    execute: (apis, input) => apis.subscriptions.createAgreement(input.providerId, input.draft),
  }),
  defineOperation("subscriptions.list-agreements", {
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
  defineOperation("subscriptions.get-agreement", {
    schema: () => ZAgreementRefSchema,
    execute: (apis, input) => apis.subscriptions.getAgreement(input.providerId, input.agreementId),
  }),
  defineOperation("subscriptions.cancel-agreement", {
    schema: () => ZAgreementRefSchema,
    execute: (apis, input) => apis.subscriptions.cancelAgreement(input.providerId, input.agreementId),
  }),
  defineOperation("subscriptions.create-payment-request", {
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
  defineOperation("subscriptions.list-payment-requests", {
    schema: () => ZAgreementRefSchema,
    execute: (apis, input) => apis.subscriptions.listPaymentRequests(input.providerId, input.agreementId),
  }),
  defineOperation("subscriptions.create-one-off", {
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
  defineOperation("subscriptions.get-one-off", {
    schema: () => ZOneOffRefSchema,
    execute: (apis, input) => apis.subscriptions.getOneOff(input.providerId, input.agreementId, input.paymentId),
  }),
  defineOperation("subscriptions.capture-one-off", {
    schema: () => ZOneOffRefSchema,
    execute: (apis, input) => apis.subscriptions.captureOneOff(input.providerId, input.agreementId, input.paymentId),
  }),
  defineOperation("subscriptions.cancel-one-off", {
    schema: () => ZOneOffRefSchema,
    execute: (apis, input) => apis.subscriptions.cancelOneOff(input.providerId, input.agreementId, input.paymentId),
  }),
  defineOperation("subscriptions.create-refund", {
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
  defineOperation("subscriptions.simulate-agreement", {
    schema: () => z.object({ agreementId, answer, appUserId }),
    execute: (apis, input) =>
      apis.subscriptions.simulateAgreementAnswer(input.agreementId, input.answer, input.appUserId),
  }),
  defineOperation("subscriptions.simulate-one-off", {
    schema: () => z.object({ agreementId, paymentId, answer, appUserId }),
    execute: (apis, input) =>
      apis.subscriptions.simulateOneOffAnswer(input.agreementId, input.paymentId, input.answer, input.appUserId),
  }),
];
