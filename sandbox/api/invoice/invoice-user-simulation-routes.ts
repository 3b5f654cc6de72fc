import { readJsonBody } from "../../http/request-body";
import { sendEmpty, sendJson } from "../../http/responses";
import type { Router } from "../../http/router";
import { type ApiContext, apiEndpoint } from "../api-endpoint";
import { authenticatedAppUser } from "../authenticated-user";
import { CaseInsensitiveFields } from "../case-insensitive-fields";
import type { InvoiceRouteDependencies } from "./invoice-routes";
import { INVOICE_PREFIX } from "./invoice-routes";

const DATE = /^(\d{4}-\d{2}-\d{2})/;

/** Sandbox-only: the MobilePay app user accepts or rejects an invoice (OAS-INV "User Simulation"). */
export function registerInvoiceUserSimulationRoutes(router: Router, deps: InvoiceRouteDependencies): void {
  const endpoint = (handler: (context: ApiContext) => Promise<void>) =>
    apiEndpoint(deps.tokens, deps.faults, "invoice", handler);
  const base = `${INVOICE_PREFIX}/api/v1/consumers/me/invoices/:invoiceId`;

  async function resolve(context: ApiContext) {
    const user = authenticatedAppUser(context.req, deps.directory);
    if (!user) {
      sendEmpty(context.res, 403);
      return undefined;
    }
    const found = await deps.invoices.findForConsumer(context.params.invoiceId ?? "");
    if (!found) {
      sendEmpty(context.res, 404);
      return undefined;
    }
    return { user, ...found };
  }

  router.on(
    "PUT",
    `${base}/accept`,
    endpoint(async (context) => {
      const body = await readJsonBody(context.req);
      const resolved = await resolve(context);
      if (!resolved) return;
      const fields = new CaseInsensitiveFields(body.ok ? body.value : {});
      const rawDate = fields.get("paymentDate");
      const paymentDate = typeof rawDate === "string" ? DATE.exec(rawDate)?.[1] : undefined;
      const { invoice } = resolved;
      const error = await deps.invoices.accept(resolved.merchantId, invoice, resolved.user, paymentDate);
      if (error) {
        return sendJson(context.res, 400, {
          invoiceId: invoice.InvoiceId,
          invoicePaymentStatus: invoice.Status,
          errorText: error.description,
        });
      }
      const redirect = invoice.Input.RedirectUrl
        ? `${invoice.Input.RedirectUrl}${invoice.Input.RedirectUrl.includes("?") ? "&" : "?"}status=${invoice.Status}`
        : null;
      sendJson(context.res, 200, {
        invoiceId: invoice.InvoiceId,
        invoicePaymentStatus: invoice.Status,
        receipt: invoice.PaymentTransactionId,
        redirectUrl: redirect,
      });
    }),
  );

  router.on(
    "PUT",
    `${base}/reject`,
    endpoint(async (context) => {
      await readJsonBody(context.req);
      const resolved = await resolve(context);
      if (!resolved) return;
      const error = await deps.invoices.reject(resolved.merchantId, resolved.invoice, resolved.user);
      if (error) {
        return sendJson(context.res, 400, {
          invoiceId: resolved.invoice.InvoiceId,
          invoicePaymentStatus: resolved.invoice.Status,
          errorText: error.description,
        });
      }
      sendEmpty(context.res, 200);
    }),
  );
}
