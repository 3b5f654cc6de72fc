import "server-only";

import { z } from "zod";

import type { MobilePayConnection } from "@/lib/mobilepay/api/api-connection";
import { sendApiRequest } from "@/lib/mobilepay/api/api-request";
import { apiPath } from "@/lib/mobilepay/api/api-url";
import { ZNoContentSchema } from "@/lib/mobilepay/api/wire-case";
import {
  toWireAgreement,
  ZAgreementPageSchema,
  ZAgreementSchema,
  ZCreatedAgreementSchema,
  ZCreatedOneOffSchema,
  ZCreatedRefundSchema,
  ZOneOffAnswerSchema,
  ZOneOffSchema,
  ZPaymentRequestSchema,
  ZPaymentRequestsResultSchema,
  ZProviderSchema,
  ZSubscriptionsMerchantSchema,
  type AgreementDraft,
  type OneOffDraft,
  type PaymentRequestDraft,
  type RefundDraft,
} from "@/lib/mobilepay/subscriptions/subscriptions-models";

export type AgreementStatusFilter = "Pending" | "Active" | "Rejected" | "Expired" | "Canceled";

/** MobilePay Subscriptions API (`…/subscriptions`, scope `subscriptions`) for one merchant's access token. */
export function createSubscriptionsClient(connection: MobilePayConnection) {
  const provider = (providerId: string) => apiPath`/api/providers/${providerId}`;
  const agreement = (providerId: string, agreementId: string) =>
    `${provider(providerId)}${apiPath`/agreements/${agreementId}`}`;

  return {
    getMerchant: () =>
      sendApiRequest(connection, { method: "GET", path: "/api/merchants/me", response: ZSubscriptionsMerchantSchema }),

    getProvider: (providerId: string) =>
      sendApiRequest(connection, { method: "GET", path: provider(providerId), response: ZProviderSchema }),

    /** JSON Patch `replace /payment_status_callback_url`; MobilePay insists on https. */
    setPaymentCallbackUrl: (providerId: string, callbackUrl: string) =>
      sendApiRequest(connection, {
        method: "PATCH",
        path: provider(providerId),
        body: [{ op: "replace", path: "/payment_status_callback_url", value: callbackUrl }],
        response: ZNoContentSchema,
      }),

    /** Callbacks of this provider are then sent with `Authorization: Basic base64(user_name:password)`. */
    setCallbackBasicAuth: (providerId: string, auth: { userName: string; password: string }) =>
      sendApiRequest(connection, {
        method: "PUT",
        path: `${provider(providerId)}/auth/basic`,
        body: { user_name: auth.userName, password: auth.password },
        secretBodyFields: ["password"],
        response: ZNoContentSchema,
      }),

    createAgreement: (providerId: string, draft: AgreementDraft) =>
      sendApiRequest(connection, {
        method: "POST",
        path: `${provider(providerId)}/agreements`,
        body: toWireAgreement(draft),
        response: ZCreatedAgreementSchema,
      }),

    listAgreements: (
      providerId: string,
      options: { pageNumber: number; pageSize?: number; status?: AgreementStatusFilter },
    ) =>
      sendApiRequest(connection, {
        method: "GET",
        path: `${provider(providerId)}/agreements`,
        query: { pageNumber: options.pageNumber, pageSize: options.pageSize, status: options.status },
        response: ZAgreementPageSchema,
      }),

    getAgreement: (providerId: string, agreementId: string) =>
      sendApiRequest(connection, {
        method: "GET",
        path: agreement(providerId, agreementId),
        response: ZAgreementSchema,
      }),

    cancelAgreement: (providerId: string, agreementId: string) =>
      sendApiRequest(connection, {
        method: "DELETE",
        path: agreement(providerId, agreementId),
        response: ZNoContentSchema,
      }),

    createPaymentRequests: (providerId: string, drafts: PaymentRequestDraft[]) =>
      sendApiRequest(connection, {
        method: "POST",
        path: `${provider(providerId)}/paymentrequests`,
        body: drafts.map((draft) => ({
          agreement_id: draft.agreementId,
          amount: draft.amount,
          due_date: draft.dueDate,
          external_id: draft.externalId,
          description: draft.description,
          ...(draft.gracePeriodDays ? { grace_period_days: draft.gracePeriodDays } : {}),
        })),
        response: ZPaymentRequestsResultSchema,
      }),

    listPaymentRequests: (providerId: string, agreementId: string) =>
      sendApiRequest(connection, {
        method: "GET",
        path: `${agreement(providerId, agreementId)}/paymentrequests`,
        response: z.array(ZPaymentRequestSchema),
      }),

    createOneOff: (providerId: string, agreementId: string, draft: OneOffDraft) =>
      sendApiRequest(connection, {
        method: "POST",
        path: `${agreement(providerId, agreementId)}/oneoffpayments`,
        body: {
          amount: draft.amount,
          external_id: draft.externalId,
          description: draft.description,
          ...(draft.expirationTimeoutMinutes ? { expiration_timeout_minutes: draft.expirationTimeoutMinutes } : {}),
          ...(draft.userRedirectUrl ? { links: [{ rel: "user-redirect", href: draft.userRedirectUrl }] } : {}),
        },
        response: ZCreatedOneOffSchema,
      }),

    getOneOff: (providerId: string, agreementId: string, paymentId: string) =>
      sendApiRequest(connection, {
        method: "GET",
        path: `${agreement(providerId, agreementId)}${apiPath`/oneoffpayments/${paymentId}`}`,
        response: ZOneOffSchema,
      }),

    captureOneOff: (providerId: string, agreementId: string, paymentId: string) =>
      sendApiRequest(connection, {
        method: "POST",
        path: `${agreement(providerId, agreementId)}${apiPath`/oneoffpayments/${paymentId}/capture`}`,
        response: ZNoContentSchema,
      }),

    cancelOneOff: (providerId: string, agreementId: string, paymentId: string) =>
      sendApiRequest(connection, {
        method: "DELETE",
        path: `${agreement(providerId, agreementId)}${apiPath`/oneoffpayments/${paymentId}`}`,
        response: ZNoContentSchema,
      }),

    createRefund: (providerId: string, agreementId: string, paymentId: string, draft: RefundDraft) =>
      sendApiRequest(connection, {
        method: "POST",
        path: `${agreement(providerId, agreementId)}${apiPath`/payments/${paymentId}/refunds`}`,
        body: {
          ...(draft.amount === undefined ? {} : { amount: draft.amount }),
          status_callback_url: draft.statusCallbackUrl,
          ...(draft.externalId ? { external_id: draft.externalId } : {}),
        },
        response: ZCreatedRefundSchema,
      }),

    /** Sandbox User Simulation: the app user accepts or rejects a pending agreement. */
    simulateAgreementAnswer: (agreementId: string, answer: "Accepted" | "Rejected", appUserId: string) =>
      sendApiRequest(connection, {
        method: "PATCH",
        path: apiPath`/api/agreements/v1/${agreementId}`,
        headers: { AuthenticatedUser: appUserId },
        body: { status: answer },
        response: ZNoContentSchema,
      }),

    /** Sandbox User Simulation: the app user accepts (reserves) or rejects a requested one-off. */
    simulateOneOffAnswer: (
      agreementId: string,
      paymentId: string,
      answer: "Accepted" | "Rejected",
      appUserId: string,
    ) =>
      sendApiRequest(connection, {
        method: "PATCH",
        path: apiPath`/api/users/v1/me/agreements/${agreementId}/oneoffpayments/${paymentId}`,
        headers: { AuthenticatedUser: appUserId },
        body: [{ op: "replace", path: "/status", value: answer }],
        response: ZOneOffAnswerSchema,
      }),
  };
}

export type SubscriptionsClient = ReturnType<typeof createSubscriptionsClient>;
