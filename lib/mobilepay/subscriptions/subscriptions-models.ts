import { z } from "zod";

import { eitherCase, nullish, ZWireAmountSchema } from "@/lib/mobilepay/api/wire-case";

const ZLinkSchema = z.object({ rel: z.string(), href: z.string() });
export type Link = z.infer<typeof ZLinkSchema>;

/** `GET /api/merchants/me`; the docs also show it wrapped in an array, so both are read. */
const ZMerchantWireSchema = eitherCase(
  z.object({
    id: z.string(),
    subscriptionProviders: z
      .array(
        z.object({
          subscriptionProviderId: z.string(),
          name: z.string(),
          status: nullish(z.string()),
          address: nullish(z.string()),
          zipCode: nullish(z.string()),
          city: nullish(z.string()),
        }),
      )
      .default([]),
  }),
);
export const ZSubscriptionsMerchantSchema = z
  .union([ZMerchantWireSchema, z.array(ZMerchantWireSchema).length(1)])
  .transform((value) => {
    const merchant = Array.isArray(value) ? value[0]! : value;
    return {
      merchantId: merchant.id,
      providers: merchant.subscriptionProviders.map((provider) => ({
        providerId: provider.subscriptionProviderId,
        name: provider.name,
        status: provider.status,
        address: provider.address,
        zipCode: provider.zipCode,
        city: provider.city,
      })),
    };
  });
export type SubscriptionsMerchant = z.infer<typeof ZSubscriptionsMerchantSchema>;

export const ZProviderSchema = z
  .object({
    name: nullish(z.string()),
    payment_status_callback_url: nullish(z.string()),
    credentials: nullish(z.object({ scheme: nullish(z.string()) }).loose()),
    status: nullish(z.union([z.number(), z.string()])),
  })
  .transform((body) => ({
    name: body.name,
    paymentStatusCallbackUrl: body.payment_status_callback_url,
    callbackAuthScheme: body.credentials?.scheme ?? null,
    status: body.status,
  }));
export type SubscriptionProvider = z.infer<typeof ZProviderSchema>;

export const ZCreatedAgreementSchema = z
  .object({ id: z.string(), one_off_payment_id: nullish(z.string()), links: z.array(ZLinkSchema).default([]) })
  .transform((body) => ({
    agreementId: body.id,
    oneOffPaymentId: body.one_off_payment_id,
    mobilePayUrl: body.links.find((link) => link.rel === "mobile-pay")?.href ?? null,
  }));
export type CreatedAgreement = z.infer<typeof ZCreatedAgreementSchema>;

const ZAgreementWireSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    external_id: nullish(z.string()),
    amount: nullish(ZWireAmountSchema),
    currency: nullish(z.string()),
    country_code: nullish(z.string()),
    frequency: nullish(z.number()),
    plan: nullish(z.string()),
    description: nullish(z.string()),
    date_created: nullish(z.string()),
    date_accepted: nullish(z.string()),
    date_canceled: nullish(z.string()),
    next_payment_date: nullish(z.string()),
    expiration_timeout_minutes: nullish(z.number()),
    links: z.array(ZLinkSchema).default([]),
  })
  .transform((body) => ({
    agreementId: body.id,
    status: body.status,
    externalId: body.external_id,
    amount: body.amount,
    currency: body.currency,
    countryCode: body.country_code,
    frequency: body.frequency,
    plan: body.plan,
    description: body.description,
    dateCreated: body.date_created,
    dateAccepted: body.date_accepted,
    dateCanceled: body.date_canceled,
    nextPaymentDate: body.next_payment_date,
    expirationTimeoutMinutes: body.expiration_timeout_minutes,
    links: body.links,
  }));
export const ZAgreementSchema = ZAgreementWireSchema;
export type Agreement = z.infer<typeof ZAgreementSchema>;

/** OAS-SUB answers the page wrapped in an array: `[{page_size, agreements: […]}]`. */
export const ZAgreementPageSchema = z
  .union([
    z.array(z.object({ page_size: nullish(z.number()), agreements: z.array(ZAgreementWireSchema) })),
    z.object({ page_size: nullish(z.number()), agreements: z.array(ZAgreementWireSchema) }),
  ])
  .transform((value) => (Array.isArray(value) ? value.flatMap((page) => page.agreements) : value.agreements));

export const ZPaymentRequestsResultSchema = z
  .object({
    pending_payments: z.array(z.object({ payment_id: z.string(), external_id: nullish(z.string()) })).default([]),
    rejected_payments: z
      .array(z.object({ external_id: nullish(z.string()), error_description: nullish(z.string()) }))
      .default([]),
  })
  .transform((body) => ({
    pending: body.pending_payments.map((payment) => ({
      paymentId: payment.payment_id,
      externalId: payment.external_id,
    })),
    rejected: body.rejected_payments.map((payment) => ({
      externalId: payment.external_id,
      errorDescription: payment.error_description,
    })),
  }));
export type PaymentRequestsResult = z.infer<typeof ZPaymentRequestsResultSchema>;

export const ZPaymentRequestSchema = z
  .object({
    id: z.string(),
    agreement_id: z.string(),
    amount: ZWireAmountSchema,
    due_date: z.string(),
    status: z.string(),
    status_text: nullish(z.string()),
    status_code: nullish(z.number()),
    external_id: nullish(z.string()),
    description: nullish(z.string()),
    grace_period_days: nullish(z.number()),
  })
  .transform((body) => ({
    paymentId: body.id,
    agreementId: body.agreement_id,
    amount: body.amount,
    dueDate: body.due_date,
    status: body.status,
    statusText: body.status_text,
    statusCode: body.status_code,
    externalId: body.external_id,
    description: body.description,
    gracePeriodDays: body.grace_period_days,
  }));
export type PaymentRequest = z.infer<typeof ZPaymentRequestSchema>;

export const ZCreatedOneOffSchema = z
  .object({ id: z.string(), links: z.array(ZLinkSchema).default([]) })
  .transform((body) => ({
    paymentId: body.id,
    mobilePayUrl: body.links.find((link) => link.rel === "mobile-pay")?.href ?? null,
  }));
export type CreatedOneOff = z.infer<typeof ZCreatedOneOffSchema>;

export const ZOneOffSchema = z
  .object({
    id: z.string(),
    agreement_id: nullish(z.string()),
    amount: ZWireAmountSchema,
    currency: nullish(z.string()),
    description: nullish(z.string()),
    status: z.string(),
    external_id: nullish(z.string()),
    expiration_timeout_minutes: nullish(z.number()),
  })
  .transform((body) => ({
    paymentId: body.id,
    agreementId: body.agreement_id,
    amount: body.amount,
    currency: body.currency,
    description: body.description,
    status: body.status,
    externalId: body.external_id,
    expirationTimeoutMinutes: body.expiration_timeout_minutes,
  }));
export type OneOff = z.infer<typeof ZOneOffSchema>;

export const ZCreatedRefundSchema = z
  .object({
    id: z.string(),
    amount: nullish(ZWireAmountSchema),
    status_callback_url: nullish(z.string()),
    external_id: nullish(z.string()),
  })
  .transform((body) => ({
    refundId: body.id,
    amount: body.amount,
    statusCallbackUrl: body.status_callback_url,
    externalId: body.external_id,
  }));
export type CreatedRefund = z.infer<typeof ZCreatedRefundSchema>;

/** User simulation of a one-off answer: `{id, status}`. */
export const ZOneOffAnswerSchema = z.object({ id: z.string(), status: nullish(z.string()) });

/** An agreement as the app builds it; mapped to the snake_case CreateAgreementRequest by `toWireAgreement`. */
export type AgreementDraft = {
  amount?: number;
  currency: "DKK" | "EUR";
  countryCode: "DK" | "FI";
  plan: string;
  description?: string;
  frequency: number;
  externalId: string;
  expirationTimeoutMinutes: number;
  mobilePhoneNumber?: string;
  userRedirectUrl: string;
  successCallbackUrl: string;
  cancelCallbackUrl: string;
  oneOff?: { amount: number; externalId: string; description: string; expirationTimeoutMinutes?: number };
};

export function toWireAgreement(draft: AgreementDraft): Record<string, unknown> {
  return {
    ...(draft.amount === undefined ? {} : { amount: draft.amount }),
    currency: draft.currency,
    country_code: draft.countryCode,
    plan: draft.plan,
    ...(draft.description ? { description: draft.description } : {}),
    frequency: draft.frequency,
    external_id: draft.externalId,
    expiration_timeout_minutes: draft.expirationTimeoutMinutes,
    ...(draft.mobilePhoneNumber ? { mobile_phone_number: draft.mobilePhoneNumber } : {}),
    links: [
      { rel: "user-redirect", href: draft.userRedirectUrl },
      { rel: "success-callback", href: draft.successCallbackUrl },
      { rel: "cancel-callback", href: draft.cancelCallbackUrl },
    ],
    ...(draft.oneOff
      ? {
          one_off_payment: {
            amount: draft.oneOff.amount,
            external_id: draft.oneOff.externalId,
            description: draft.oneOff.description,
            ...(draft.oneOff.expirationTimeoutMinutes
              ? { expiration_timeout_minutes: draft.oneOff.expirationTimeoutMinutes }
              : {}),
          },
        }
      : {}),
  };
}

export type PaymentRequestDraft = {
  agreementId: string;
  amount: number;
  dueDate: string;
  externalId: string;
  description: string;
  gracePeriodDays?: number;
};

export type OneOffDraft = {
  amount: number;
  externalId: string;
  description: string;
  expirationTimeoutMinutes?: number;
  userRedirectUrl?: string;
};

export type RefundDraft = { amount?: number; statusCallbackUrl: string; externalId?: string };
