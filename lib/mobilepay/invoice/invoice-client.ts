import "server-only";

import type { MobilePayConnection } from "@/lib/mobilepay/api/api-connection";
import { sendApiRequest } from "@/lib/mobilepay/api/api-request";
import { apiPath } from "@/lib/mobilepay/api/api-url";
import { ZNoContentSchema } from "@/lib/mobilepay/api/wire-case";
import {
  toWireInvoice,
  ZCreatedInvoiceSchema,
  ZInvoiceAcceptedSchema,
  ZInvoiceDetailsSchema,
  ZInvoiceIssuersSchema,
  ZInvoiceMerchantSchema,
  ZInvoiceStatusAnswerSchema,
  type InvoiceDraft,
} from "@/lib/mobilepay/invoice/invoice-models";

/** MobilePay Invoice API (`…/invoice-restapi`, scope `invoice`) for one merchant's access token. */
export function createInvoiceClient(connection: MobilePayConnection) {
  const merchantPath = (merchantId: string, rest: string) => `${apiPath`/api/v1/merchants/${merchantId}`}${rest}`;

  return {
    getMerchant: () =>
      sendApiRequest(connection, { method: "GET", path: "/api/v1/merchants/me", response: ZInvoiceMerchantSchema }),

    listInvoiceIssuers: (merchantId: string) =>
      sendApiRequest(connection, {
        method: "GET",
        path: merchantPath(merchantId, "/invoiceissuers"),
        response: ZInvoiceIssuersSchema,
      }),

    createInvoiceDirect: (merchantId: string, draft: InvoiceDraft) =>
      sendApiRequest(connection, {
        method: "POST",
        path: merchantPath(merchantId, "/invoices"),
        body: toWireInvoice(draft, "direct"),
        response: ZCreatedInvoiceSchema,
      }),

    createInvoiceLink: (merchantId: string, draft: InvoiceDraft) =>
      sendApiRequest(connection, {
        method: "POST",
        path: merchantPath(merchantId, "/invoices/link"),
        body: toWireInvoice(draft, "link"),
        response: ZCreatedInvoiceSchema,
      }),

    getInvoice: (merchantId: string, invoiceId: string) =>
      sendApiRequest(connection, {
        method: "GET",
        path: merchantPath(merchantId, apiPath`/invoices/${invoiceId}`),
        response: ZInvoiceDetailsSchema,
      }),

    getInvoiceStatus: (merchantId: string, invoiceId: string) =>
      sendApiRequest(connection, {
        method: "GET",
        path: merchantPath(merchantId, apiPath`/invoices/${invoiceId}/status`),
        response: ZInvoiceStatusAnswerSchema,
      }),

    cancelInvoice: (merchantId: string, invoiceId: string) =>
      sendApiRequest(connection, {
        method: "PUT",
        path: merchantPath(merchantId, apiPath`/invoices/${invoiceId}/cancel`),
        response: ZNoContentSchema,
      }),

    /** Where invoice callbacks go, sent with `Authorization: Basic base64(username:password)`. */
    setCallbackBasicAuth: (merchantId: string, auth: { username: string; password: string; callbackUrl: string }) =>
      sendApiRequest(connection, {
        method: "PUT",
        path: merchantPath(merchantId, "/auth/basic"),
        body: { username: auth.username, password: auth.password, callbackUrl: auth.callbackUrl },
        secretBodyFields: ["password"],
        response: ZNoContentSchema,
      }),

    /** Sandbox User Simulation: the app user accepts (pays now, or schedules for paymentDate). */
    simulateAccept: (invoiceId: string, options: { appUserId: string; paymentDate?: string }) =>
      sendApiRequest(connection, {
        method: "PUT",
        path: apiPath`/api/v1/consumers/me/invoices/${invoiceId}/accept`,
        headers: { AuthenticatedUser: options.appUserId },
        body: options.paymentDate ? { paymentDate: `${options.paymentDate}T00:00:00Z` } : {},
        response: ZInvoiceAcceptedSchema,
      }),

    /** Sandbox User Simulation: the app user rejects. */
    simulateReject: (invoiceId: string, options: { appUserId: string }) =>
      sendApiRequest(connection, {
        method: "PUT",
        path: apiPath`/api/v1/consumers/me/invoices/${invoiceId}/reject`,
        headers: { AuthenticatedUser: options.appUserId },
        body: {},
        response: ZNoContentSchema,
      }),
  };
}

export type InvoiceClient = ReturnType<typeof createInvoiceClient>;
