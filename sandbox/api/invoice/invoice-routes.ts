import { z } from "zod";

import type { FaultState } from "../../faults/fault-state";
import { readJsonBody } from "../../http/request-body";
import { sendEmpty, sendHtml, sendJson } from "../../http/responses";
import type { Router } from "../../http/router";
import { renderPortalPage } from "../../portal/html/portal-layout";
import type { PortalDirectory } from "../../portal/portal-directory";
import { type ApiContext, apiEndpoint, refuseForeignMerchant } from "../api-endpoint";
import type { BearerTokenCheck } from "../bearer-token-check";
import { CaseInsensitiveFields, isPlainObject } from "../case-insensitive-fields";
import { correlationIdOf } from "../correlation-id";
import { invoiceDetails } from "./invoice-details";
import { combineInputErrors, inputError, type InvoiceError, sendInvoiceError } from "./invoice-errors";
import { type InvoiceKind, parseInvoiceInput } from "./invoice-input";
import type { InvoiceService } from "./invoice-service";

export const INVOICE_PREFIX = "/invoice-restapi";
const BATCH_LIMIT = 2000;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

export interface InvoiceRouteDependencies {
  tokens: BearerTokenCheck;
  faults: FaultState;
  directory: PortalDirectory;
  invoices: InvoiceService;
}

type CreateOutcome =
  { invoiceId: string; invoiceNumber: string | null } | { error: InvoiceError; invoiceNumber: string | null };

/** MobilePay Invoice API (OAS-INV / INV-GH api_reference.md), merchant side and user simulation. */
export function registerInvoiceRoutes(router: Router, deps: InvoiceRouteDependencies): void {
  const { invoices } = deps;
  const endpoint = (handler: (context: ApiContext) => Promise<void>) =>
    apiEndpoint(deps.tokens, deps.faults, "invoice", handler);
  const merchantPath = (path: string) => `${INVOICE_PREFIX}/api/v1/merchants/:merchantId${path}`;

  async function readBody(context: ApiContext): Promise<unknown> {
    const body = await readJsonBody(context.req);
    if (!body.ok) {
      sendInvoiceError(
        context.res,
        correlationIdOf(context.req),
        inputError("input", body.reason === "empty" ? "A request body is required" : "Malformed JSON"),
      );
      return undefined;
    }
    return body.value;
  }

  async function createOne(
    context: ApiContext,
    body: unknown,
    kind: InvoiceKind,
    fromBatch: boolean,
  ): Promise<CreateOutcome> {
    const invoiceNumber = isPlainObject(body)
      ? ((new CaseInsensitiveFields(body).get("InvoiceNumber") as string | undefined) ?? null)
      : null;
    const parsed = parseInvoiceInput(body, kind);
    if ("errors" in parsed) return { error: combineInputErrors(parsed.errors), invoiceNumber };
    const checked = await invoices.checkRules(context.caller.merchant, parsed.input, kind);
    if (checked && "kind" in checked) return { error: checked, invoiceNumber };
    const invoice = await invoices.create(
      context.caller.merchant,
      parsed.input,
      kind,
      checked,
      fromBatch && kind === "Link",
    );
    return { invoiceId: invoice.InvoiceId, invoiceNumber };
  }

  function createSingle(kind: InvoiceKind) {
    return endpoint(async (context) => {
      if (refuseForeignMerchant(context, context.params.merchantId)) return;
      const body = await readBody(context);
      if (body === undefined) return;
      const outcome = await createOne(context, body, kind, false);
      if ("error" in outcome) return sendInvoiceError(context.res, correlationIdOf(context.req), outcome.error);
      const links =
        kind === "Link" ? { Links: [{ Rel: "user-redirect", Href: invoices.landingPageUrl(outcome.invoiceId) }] } : {};
      sendJson(context.res, 200, { InvoiceId: outcome.invoiceId, ...links });
    });
  }

  function createBatch(kind: InvoiceKind) {
    return endpoint(async (context) => {
      if (refuseForeignMerchant(context, context.params.merchantId)) return;
      const body = await readBody(context);
      if (body === undefined) return;
      const correlationId = correlationIdOf(context.req);
      if (!Array.isArray(body) || body.length === 0)
        return sendInvoiceError(context.res, correlationId, inputError("input", "A non-empty array is required"));
      if (body.length > BATCH_LIMIT)
        return sendInvoiceError(
          context.res,
          correlationId,
          inputError("input", `At most ${BATCH_LIMIT} invoices per batch`),
        );
      const accepted: unknown[] = [];
      const rejected: unknown[] = [];
      for (const item of body) {
        const outcome = await createOne(context, item, kind, true);
        if ("error" in outcome) {
          rejected.push({
            InvoiceNumber: outcome.invoiceNumber,
            Errors: [
              {
                ErrorText: outcome.error.description.trim(),
                ErrorCode: outcome.error.code === null ? null : Number(outcome.error.code),
              },
            ],
          });
        } else {
          accepted.push({ InvoiceNumber: outcome.invoiceNumber, InvoiceId: outcome.invoiceId });
        }
      }
      sendJson(context.res, 202, { Accepted: accepted, Rejected: rejected });
    });
  }

  router.on(
    "GET",
    `${INVOICE_PREFIX}/api/v1/merchants/me`,
    endpoint(async ({ res, caller }) => sendJson(res, 200, { MerchantId: caller.merchant.merchant_id })),
  );

  router.on(
    "GET",
    merchantPath("/invoiceissuers"),
    endpoint(async (context) => {
      if (refuseForeignMerchant(context, context.params.merchantId)) return;
      sendJson(context.res, 200, {
        InvoiceIssuers: context.caller.merchant.invoice_issuers.map((issuer) => ({
          Id: issuer.id,
          Name: issuer.name,
          AccountType: "Account",
          Status: issuer.status,
          Address: issuer.address,
          City: issuer.city,
          ZipCode: issuer.zip_code,
        })),
      });
    }),
  );

  router.on("POST", merchantPath("/invoices"), createSingle("Direct"));
  router.on("POST", merchantPath("/invoices/batch"), createBatch("Direct"));
  router.on("POST", merchantPath("/invoices/link"), createSingle("Link"));
  router.on("POST", merchantPath("/invoices/link/batch"), createBatch("Link"));

  async function invoiceFor(context: ApiContext) {
    if (refuseForeignMerchant(context, context.params.merchantId)) return undefined;
    const invoice = await invoices.find(context.caller.merchant.merchant_id, context.params.invoiceId ?? "");
    if (!invoice) sendEmpty(context.res, 404);
    return invoice;
  }

  router.on(
    "GET",
    merchantPath("/invoices/:invoiceId"),
    endpoint(async (context) => {
      const invoice = await invoiceFor(context);
      if (invoice) sendJson(context.res, 200, invoiceDetails(context.caller.merchant, invoice));
    }),
  );
  router.on(
    "GET",
    merchantPath("/invoices/:invoiceId/status"),
    endpoint(async (context) => {
      const invoice = await invoiceFor(context);
      if (invoice) sendJson(context.res, 200, { InvoiceId: invoice.InvoiceId, Status: invoice.Status });
    }),
  );
  router.on(
    "PUT",
    merchantPath("/invoices/:invoiceId/cancel"),
    endpoint(async (context) => {
      const invoice = await invoiceFor(context);
      if (!invoice) return;
      const error = await invoices.cancel(context.caller.merchant.merchant_id, invoice);
      if (error) return sendInvoiceError(context.res, correlationIdOf(context.req), error);
      sendEmpty(context.res, 204);
    }),
  );

  const ZBasicAuthSchema = z.object({ username: z.string().min(1), password: z.string().min(1), callbackUrl: z.url() });
  const ZApiKeyAuthSchema = z.object({ apiKey: z.string().regex(TOKEN68), callbackUrl: z.url() });

  function callbackAuthRoute(
    schema: typeof ZBasicAuthSchema | typeof ZApiKeyAuthSchema,
    toAuthorization: (value: Record<string, string>) => string,
  ) {
    return endpoint(async (context) => {
      if (refuseForeignMerchant(context, context.params.merchantId)) return;
      const body = await readBody(context);
      if (body === undefined) return;
      const fields = new CaseInsensitiveFields(body);
      const candidate = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, fields.get(key)]));
      const parsed = schema.safeParse(candidate);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? "input");
        return sendInvoiceError(
          context.res,
          correlationIdOf(context.req),
          inputError(field.charAt(0).toUpperCase() + field.slice(1)),
        );
      }
      const value = parsed.data as Record<string, string>;
      await invoices.setCallbackAuth(context.caller.merchant.merchant_id, {
        callbackUrl: value.callbackUrl ?? "",
        authorization: toAuthorization(value),
      });
      sendEmpty(context.res, 204);
    });
  }

  router.on(
    "PUT",
    merchantPath("/auth/basic"),
    callbackAuthRoute(
      ZBasicAuthSchema,
      (value) => `Basic ${Buffer.from(`${value.username}:${value.password}`).toString("base64")}`,
    ),
  );
  router.on(
    "PUT",
    merchantPath("/auth/apikey"),
    callbackAuthRoute(ZApiKeyAuthSchema, (value) => value.apiKey ?? ""),
  );

  router.on("GET", "/invoice-landing/:invoiceId", async ({ res }) =>
    sendHtml(
      res,
      200,
      renderPortalPage({
        title: "Invoice",
        body: `<div class="card"><h1>MobilePay invoice</h1><p class="lead">In the sandbox the app user accepts or rejects through the User Simulation API.</p></div>`,
      }),
    ),
  );
}
