import { sendEmpty, sendJson } from "../../http/responses";
import type { Router } from "../../http/router";
import type { ApiContext } from "../api-endpoint";
import { authenticatedAppUser } from "../authenticated-user";
import { isPlainObject } from "../case-insensitive-fields";
import { parseReplaceOperations } from "../json-patch";
import { SUBSCRIPTIONS_PREFIX, type SubscriptionsEndpoints } from "./subscriptions-context";
import { badRequest, preconditionFailed, sendNotFound } from "./subscriptions-errors";
import { ONE_OFF_EVENTS, PAYMENT_EVENTS } from "./subscriptions-service";

/**
 * Sandbox-only User Simulation endpoints: the MobilePay app user (header `AuthenticatedUser`)
 * accepts, rejects or cancels, since the app itself does not work against the sandbox.
 */
export function registerSubscriptionsUserSimulationRoutes(router: Router, api: SubscriptionsEndpoints): void {
  const { subscriptions, directory } = api.deps;

  function actingUser(context: ApiContext) {
    const user = authenticatedAppUser(context.req, directory);
    if (!user) sendEmpty(context.res, 403);
    return user;
  }

  const respondToAgreement = api.endpoint(async (context) => {
    if (!actingUser(context)) return;
    const body = await api.body(context);
    if (body === undefined) return;
    const status = isPlainObject(body) ? body.status : undefined;
    if (status !== "Accepted" && status !== "Rejected")
      return api.fail(context, badRequest("request.Status must be Accepted or Rejected"));
    const agreement = await subscriptions.agreementById(context.params.agreementId ?? "");
    if (!agreement) return sendNotFound(context.res);
    if (agreement.data.status !== "Pending")
      return api.fail(context, preconditionFailed(`Agreement is ${agreement.data.status}.`));
    if (isPlainObject(body) && typeof body.notifications_on === "boolean")
      agreement.data.notifications_on = body.notifications_on;
    if (status === "Accepted") await subscriptions.acceptAgreement(agreement);
    else await subscriptions.rejectAgreement(agreement);
    sendEmpty(context.res, 204);
  });
  router.on("PATCH", `${SUBSCRIPTIONS_PREFIX}/api/agreements/v1/:agreementId`, respondToAgreement);
  // The Subscriptions test guide documents the same endpoint on the recurring payments host.
  router.on("PATCH", "/recurringpayments-restapi/api/agreements/v1/:agreementId", respondToAgreement);

  router.on(
    "PATCH",
    `${SUBSCRIPTIONS_PREFIX}/api/users/v1/me/agreements/:agreementId`,
    api.endpoint(async (context) => {
      if (!actingUser(context)) return;
      const body = await api.body(context);
      if (body === undefined) return;
      if (!isPlainObject(body) || body.status !== "Canceled")
        return api.fail(context, badRequest("request.Status must be Canceled"));
      const agreement = await subscriptions.agreementById(context.params.agreementId ?? "");
      if (!agreement) return sendNotFound(context.res);
      if (agreement.data.status !== "Active")
        return api.fail(context, preconditionFailed(`Agreement is ${agreement.data.status}.`));
      await subscriptions.cancelAgreement(agreement, "user");
      sendEmpty(context.res, 204);
    }),
  );

  router.on(
    "PATCH",
    `${SUBSCRIPTIONS_PREFIX}/api/users/v1/me/agreements/:agreementId/oneoffpayments/:paymentId`,
    api.endpoint(async (context) => {
      if (!actingUser(context)) return;
      const body = await api.body(context);
      if (body === undefined) return;
      const operations = parseReplaceOperations(body, ["/status"]);
      if (typeof operations === "string") return api.fail(context, badRequest(operations));
      const status = operations.at(-1)?.value;
      if (status !== "Accepted" && status !== "Rejected")
        return api.fail(context, badRequest("request.Status must be Accepted or Rejected"));
      const agreement = await subscriptions.agreementById(context.params.agreementId ?? "");
      const oneOff = agreement ? await subscriptions.oneOff(agreement.id, context.params.paymentId ?? "") : undefined;
      if (!agreement || !oneOff) return sendNotFound(context.res);
      if (oneOff.data.status !== "Requested")
        return api.fail(context, preconditionFailed(`Payment is ${oneOff.data.status}.`));
      if (oneOff.data.activates_agreement && agreement.data.status === "Pending") {
        // A one-off sent with a new agreement is answered together with the agreement.
        if (status === "Accepted") await subscriptions.acceptAgreement(agreement);
        else await subscriptions.rejectAgreement(agreement);
      } else {
        await subscriptions.settleOneOff(
          agreement,
          oneOff,
          status === "Accepted" ? ONE_OFF_EVENTS.reserved : ONE_OFF_EVENTS.rejected,
        );
      }
      sendJson(context.res, 200, {
        id: oneOff.id,
        status: (await subscriptions.oneOff(agreement.id, oneOff.id))?.data.status,
      });
    }),
  );

  router.on(
    "DELETE",
    `${SUBSCRIPTIONS_PREFIX}/api/users/me/payments/:paymentId`,
    api.endpoint(async (context) => {
      if (!actingUser(context)) return;
      const payment = await subscriptions.paymentById(context.params.paymentId ?? "");
      if (!payment) return sendNotFound(context.res);
      if (payment.data.status !== "Pending")
        return api.fail(context, preconditionFailed(`Payment is ${payment.data.status}.`));
      await subscriptions.settlePayment(
        await subscriptions.agreementById(payment.data.agreement_id),
        payment,
        PAYMENT_EVENTS.rejectedByUser,
      );
      sendEmpty(context.res, 204);
    }),
  );
}
