import { sendEmpty, sendJson } from "../../http/responses";
import type { Router } from "../../http/router";
import { correlationIdOf } from "../correlation-id";
import { parseReplaceOperations } from "../json-patch";
import { SUBSCRIPTIONS_PREFIX, type SubscriptionsEndpoints } from "./subscriptions-context";
import { badRequest, preconditionFailed, sendNotFound, sendRefundError } from "./subscriptions-errors";
import { parseOneOffInput, parsePaymentRequestInput, parseRefundInput } from "./subscriptions-input";
import type { OneOffData, PaymentRequestData } from "./subscriptions-model";
import { PAYMENT_EVENTS } from "./subscriptions-service";

const BATCH_LIMIT = 2000;

function paymentView(payment: PaymentRequestData, externalAgreementId: string | null): Record<string, unknown> {
  return {
    id: payment.id,
    agreement_id: payment.agreement_id,
    amount: payment.amount,
    due_date: payment.due_date,
    status: payment.status,
    status_text: payment.status_text,
    status_code: payment.status_code,
    external_id: payment.external_id,
    external_agreement_id: externalAgreementId,
    next_payment_date: null,
    description: payment.description,
    payment_transaction_id: payment.payment_transaction_id,
    grace_period_days: payment.grace_period_days,
  };
}

function oneOffView(oneOff: OneOffData): Record<string, unknown> {
  return {
    id: oneOff.id,
    agreement_id: oneOff.agreement_id,
    currency: oneOff.currency,
    amount: oneOff.amount,
    description: oneOff.description,
    status: oneOff.status,
    external_id: oneOff.external_id,
    payment_transaction_id: oneOff.payment_transaction_id,
    expiration_timeout_minutes: oneOff.expiration_timeout_minutes,
  };
}

/** Recurring payment requests, one-off payments and refunds (DOCS-2023 subscriptions-payments, one-off-payments, refund). */
export function registerPaymentRoutes(router: Router, api: SubscriptionsEndpoints): void {
  const { subscriptions } = api.deps;
  const providerBase = `${SUBSCRIPTIONS_PREFIX}/api/providers/:providerId`;
  const agreementBase = `${providerBase}/agreements/:agreementId`;

  router.on(
    "POST",
    `${providerBase}/paymentrequests`,
    api.endpoint(async (context) => {
      const provider = api.provider(context);
      if (!provider) return;
      const body = await api.body(context);
      if (body === undefined) return;
      if (!Array.isArray(body) || body.length === 0)
        return api.fail(context, badRequest("request must be a non-empty array of payment requests"));
      if (body.length > BATCH_LIMIT)
        return api.fail(context, badRequest(`request must contain at most ${BATCH_LIMIT} payment requests`));
      const valid = [];
      const rejected = [];
      for (const item of body) {
        const parsed = parsePaymentRequestInput(item);
        if ("value" in parsed) valid.push(parsed.value);
        else
          rejected.push({
            external_id: (item as { external_id?: unknown } | null)?.external_id ?? null,
            error_description: parsed.problems.join("; "),
          });
      }
      const pending = await subscriptions.createPaymentRequests(context.caller.merchant, provider.id, valid);
      sendJson(context.res, 202, {
        pending_payments: pending.map((payment) => ({ payment_id: payment.id, external_id: payment.external_id })),
        rejected_payments: rejected,
      });
    }),
  );

  router.on(
    "GET",
    `${agreementBase}/paymentrequests`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (!found) return;
      const payments = await subscriptions.paymentsOf(found.agreement.id);
      sendJson(
        context.res,
        200,
        payments.map((payment) => paymentView(payment, found.agreement.data.external_id)),
      );
    }),
  );

  async function paymentFor(context: Parameters<Parameters<typeof api.endpoint>[0]>[0]) {
    const found = await api.agreement(context);
    if (!found) return undefined;
    const payment = await subscriptions.payment(found.agreement.id, context.params.paymentId ?? "");
    if (!payment) {
      sendNotFound(context.res);
      return undefined;
    }
    return { ...found, payment };
  }

  router.on(
    "GET",
    `${agreementBase}/paymentrequests/:paymentId`,
    api.endpoint(async (context) => {
      const found = await paymentFor(context);
      if (found) sendJson(context.res, 200, paymentView(found.payment.data, found.agreement.data.external_id));
    }),
  );

  router.on(
    "PATCH",
    `${agreementBase}/paymentrequests/:paymentId`,
    api.endpoint(async (context) => {
      const found = await paymentFor(context);
      if (!found) return;
      const body = await api.body(context);
      if (body === undefined) return;
      const operations = parseReplaceOperations(body, ["/amount"]);
      if (typeof operations === "string") return api.fail(context, badRequest(operations));
      const amount = Number(operations.at(-1)?.value);
      const payment = found.payment.data;
      if (payment.status !== "Pending") return api.fail(context, preconditionFailed(`Payment is ${payment.status}.`));
      if (!Number.isFinite(amount) || amount <= 0)
        return api.fail(context, badRequest("request.Amount must be greater than 0"));
      if (amount > payment.amount) return api.fail(context, badRequest("request.Amount can only be decreased"));
      payment.amount = amount;
      await subscriptions.savePayment(found.payment);
      sendEmpty(context.res, 204);
    }),
  );

  router.on(
    "DELETE",
    `${agreementBase}/paymentrequests/:paymentId`,
    api.endpoint(async (context) => {
      const found = await paymentFor(context);
      if (!found) return;
      if (found.payment.data.status !== "Pending")
        return api.fail(context, preconditionFailed(`Payment is ${found.payment.data.status}.`));
      await subscriptions.settlePayment(found.agreement, found.payment, PAYMENT_EVENTS.declinedByMerchant);
      sendEmpty(context.res, 204);
    }),
  );

  router.on(
    "POST",
    `${agreementBase}/oneoffpayments`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (!found) return;
      const body = await api.body(context);
      if (body === undefined) return;
      const parsed = parseOneOffInput(body);
      if ("problems" in parsed) return api.fail(context, badRequest(parsed.problems.join("; ")));
      if (found.agreement.data.status !== "Active")
        return api.fail(context, preconditionFailed(`Agreement is ${found.agreement.data.status}.`));
      const oneOff = await subscriptions.createOneOff(found.agreement, parsed.value);
      const redirect = parsed.value.links.find((link) => link.rel === "user-redirect")?.href;
      sendJson(context.res, 202, {
        id: oneOff.id,
        links: [
          {
            rel: "mobile-pay",
            href: subscriptions.landingPageUrl("oneoff", oneOff.id, found.agreement.data, redirect),
          },
        ],
      });
    }),
  );

  router.on(
    "GET",
    `${agreementBase}/oneoffpayments`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (found) sendJson(context.res, 200, (await subscriptions.oneOffsOf(found.agreement.id)).map(oneOffView));
    }),
  );

  async function oneOffFor(context: Parameters<Parameters<typeof api.endpoint>[0]>[0]) {
    const found = await api.agreement(context);
    if (!found) return undefined;
    const oneOff = await subscriptions.oneOff(found.agreement.id, context.params.paymentId ?? "");
    if (!oneOff) {
      sendNotFound(context.res);
      return undefined;
    }
    return { ...found, oneOff };
  }

  router.on(
    "GET",
    `${agreementBase}/oneoffpayments/:paymentId`,
    api.endpoint(async (context) => {
      const found = await oneOffFor(context);
      if (found) sendJson(context.res, 200, oneOffView(found.oneOff.data));
    }),
  );

  router.on(
    "DELETE",
    `${agreementBase}/oneoffpayments/:paymentId`,
    api.endpoint(async (context) => {
      const found = await oneOffFor(context);
      if (!found) return;
      const status = found.oneOff.data.status;
      if (status !== "Requested" && status !== "Reserved")
        return api.fail(context, preconditionFailed(`Payment is ${status}.`));
      found.oneOff.data.status = "Canceled";
      await subscriptions.saveOneOff(found.oneOff);
      sendEmpty(context.res, 204);
    }),
  );

  router.on(
    "POST",
    `${agreementBase}/oneoffpayments/:paymentId/capture`,
    api.endpoint(async (context) => {
      const found = await oneOffFor(context);
      if (!found) return;
      const status = found.oneOff.data.status;
      if (status !== "Reserved")
        return api.fail(
          context,
          preconditionFailed(status === "Captured" ? "Payment is already captured." : `Payment is ${status}.`),
        );
      found.oneOff.data.status = "Captured";
      await subscriptions.saveOneOff(found.oneOff);
      sendEmpty(context.res, 204);
    }),
  );

  async function refundablePayment(agreementId: string, paymentId: string) {
    const recurring = await subscriptions.payment(agreementId, paymentId);
    if (recurring) {
      const data = recurring.data;
      return { id: data.id, amount: data.amount, settled: data.status === "Executed", settledOn: data.payment_date };
    }
    const oneOff = await subscriptions.oneOff(agreementId, paymentId);
    if (oneOff)
      return {
        id: oneOff.id,
        amount: oneOff.data.amount,
        settled: oneOff.data.status === "Captured",
        settledOn: oneOff.data.created_at.slice(0, 10),
      };
    return undefined;
  }

  router.on(
    "GET",
    `${agreementBase}/payments/:paymentId/refunds`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (!found) return;
      const payment = await refundablePayment(found.agreement.id, context.params.paymentId ?? "");
      if (!payment) return sendNotFound(context.res);
      const refunds = await subscriptions.refundsOf(payment.id);
      sendJson(
        context.res,
        200,
        refunds.map((refund) => ({
          id: refund.id,
          amount: refund.amount,
          currency: refund.currency,
          status: refund.status,
          externalId: refund.external_id,
          paymentTransactionId: null,
        })),
      );
    }),
  );

  router.on(
    "POST",
    `${agreementBase}/payments/:paymentId/refunds`,
    api.endpoint(async (context) => {
      const found = await api.agreement(context);
      if (!found) return;
      const payment = await refundablePayment(found.agreement.id, context.params.paymentId ?? "");
      if (!payment) return sendNotFound(context.res);
      const body = await api.body(context);
      if (body === undefined) return;
      const parsed = parseRefundInput(body);
      if ("problems" in parsed)
        return sendRefundError(context.res, correlationIdOf(context.req), parsed.problems.join("; "));
      const refund = await subscriptions.createRefund(found.agreement, payment, parsed.value);
      sendJson(context.res, 202, {
        id: refund.id,
        amount: refund.amount,
        status_callback_url: refund.status_callback_url,
        external_id: refund.external_id,
      });
    }),
  );
}
