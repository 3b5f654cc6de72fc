import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadFixture, replayFetch } from "@/lib/mobilepay/api/test-support/recorded-response";
import { createInvoiceClient } from "@/lib/mobilepay/invoice/invoice-client";
import type { InvoiceDraft } from "@/lib/mobilepay/invoice/invoice-models";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const MERCHANT = "a6663bd1-b4ae-428e-b192-48b88a1a1d2f";
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.signature";

function clientReplaying(fixture: string, extra: { gateway?: boolean } = {}) {
  const replay = replayFetch(loadFixture(FIXTURES, fixture));
  const client = createInvoiceClient({
    baseUrl: "https://api.sandbox.mobilepay.dk/invoice-restapi",
    allowedHosts: ["api.sandbox.mobilepay.dk"],
    accessToken: TOKEN,
    fetch: replay.fetch,
    gatewayCredentials: extra.gateway ? { clientId: "ibm-id", clientSecret: "ibm-secret" } : undefined,
  });
  return { client, requests: replay.requests };
}

const DRAFT: InvoiceDraft = {
  invoiceIssuer: "e5f47b25-73d9-4f11-a1d1-cf7ba7b971c1",
  consumerPhone: "+358401234567",
  totalAmount: 49.9,
  invoiceNumber: "INV-1",
  dueDate: "2030-01-31",
  redirectUrl: "https://shop.example/paid",
  articles: [{ description: "Bread", quantity: 1, pricePerUnit: 49.9 }],
};

describe("the Invoice client", () => {
  it("sends bearer auth, a CorrelationId and the documented PascalCase body, and maps the answer", async () => {
    const { client, requests } = clientReplaying("create-direct");
    const outcome = await client.createInvoiceDirect(MERCHANT, DRAFT);
    expect(outcome.ok && outcome.data.invoiceId).toMatch(/^[0-9a-f-]{36}$/);
    const [request] = requests;
    expect(request?.url).toBe(`https://api.sandbox.mobilepay.dk/invoice-restapi/api/v1/merchants/${MERCHANT}/invoices`);
    expect(request?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.get("correlationid")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    expect(request?.headers.get("x-ibm-client-id")).toBeNull();
    expect(JSON.parse(request?.body ?? "{}")).toEqual({
      InvoiceIssuer: DRAFT.invoiceIssuer,
      ConsumerAlias: { Alias: "+358401234567", AliasType: "Phone" },
      TotalAmount: 49.9,
      InvoiceNumber: "INV-1",
      DueDate: "2030-01-31",
      InvoiceArticles: [{ ArticleDescription: "Bread", Quantity: 1, PricePerUnit: 49.9 }],
    });
  });

  it("never puts the token into the recorded exchange, and masks the legacy gateway secret", async () => {
    const { client, requests } = clientReplaying("merchant-me", { gateway: true });
    const outcome = await client.getMerchant();
    expect(requests[0]?.headers.get("x-ibm-client-secret")).toBe("ibm-secret");
    const recorded = JSON.stringify(outcome.exchange);
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).not.toContain("ibm-secret");
    expect(outcome.exchange.requestHeaders.Authorization).toMatch(/^Bearer •••• \(sha256:[0-9a-f]{12}, 38 chars\)$/);
    expect(outcome.exchange.requestHeaders["x-ibm-client-id"]).toBe("ibm-id");
  });

  it("maps merchant, issuers, link, details, status and user-simulation answers to app types", async () => {
    const me = await clientReplaying("merchant-me").client.getMerchant();
    expect(me.ok && me.data).toEqual({ merchantId: MERCHANT });
    const issuers = await clientReplaying("invoice-issuers").client.listInvoiceIssuers(MERCHANT);
    expect(issuers.ok && issuers.data[0]).toMatchObject({
      name: "Annan Leipomo",
      accountType: "Account",
      zipCode: "00100",
    });
    const link = await clientReplaying("create-link").client.createInvoiceLink(MERCHANT, DRAFT);
    expect(link.ok && link.data.userRedirectUrl).toMatch(/\/invoice-landing\//);
    const details = await clientReplaying("invoice-details").client.getInvoice(MERCHANT, "x");
    expect(details.ok && details.data).toMatchObject({ status: "created", currencyCode: "EUR", totalAmount: 49.9 });
    const status = await clientReplaying("invoice-status").client.getInvoiceStatus(MERCHANT, "x");
    expect(status.ok && status.data.status).toBe("created");
    const accepted = await clientReplaying("simulate-accept").client.simulateAccept("x", { appUserId: "u" });
    expect(accepted.ok && accepted.data.invoicePaymentStatus).toBe("paid");
    const canceled = await clientReplaying("cancel").client.cancelInvoice(MERCHANT, "x");
    expect(canceled).toMatchObject({ ok: true, status: 204, data: null });
  });

  it("sends the app user on user-simulation calls and encodes ids into their path segment", async () => {
    const { client, requests } = clientReplaying("simulate-reject");
    await client.simulateReject("../../merchants/other", { appUserId: "c2f6a8d4-3e1b-4f0a-9b7c-6d5e4f3a2b10" });
    expect(requests[0]?.headers.get("authenticateduser")).toBe("c2f6a8d4-3e1b-4f0a-9b7c-6d5e4f3a2b10");
    expect(requests[0]?.url).toBe(
      "https://api.sandbox.mobilepay.dk/invoice-restapi/api/v1/consumers/me/invoices/..%2F..%2Fmerchants%2Fother/reject",
    );
  });

  it("reads an InputError body (400) and a DomainError body (409) into MobilePayApiError", async () => {
    const input = await clientReplaying("error-input").client.createInvoiceDirect(MERCHANT, DRAFT);
    expect(input.ok).toBe(false);
    if (input.ok) return;
    expect(input.error).toMatchObject({ kind: "rejected", status: 400, code: null, errorType: "InputError" });
    expect(input.error.message).toBe("input.InvoiceArticles : At least one article is required");
    expect(input.error.correlationId).toMatch(/^[0-9a-f-]{36}$/);

    const domain = await clientReplaying("error-amount-limit").client.createInvoiceDirect(MERCHANT, DRAFT);
    expect(!domain.ok && domain.error).toMatchObject({ status: 409, code: "10201", errorType: "DomainError" });
    const paid = await clientReplaying("cancel-paid").client.cancelInvoice(MERCHANT, "x");
    expect(!paid.ok && paid.error).toMatchObject({ code: "10504", message: "Invoice has already been paid" });
  });

  it("reports a 401 without body as unauthorized, with the correlation id it sent", async () => {
    const outcome = await clientReplaying("error-unauthorized").client.getMerchant();
    expect(outcome.status).toBe(401);
    expect(!outcome.ok && outcome.error).toMatchObject({ kind: "unauthorized", shape: "empty" });
    expect(!outcome.ok && outcome.error.correlationId).toBe(outcome.exchange.correlationId);
    const missing = await clientReplaying("error-not-found").client.getInvoice(MERCHANT, "x");
    expect(!missing.ok && missing.error.kind).toBe("not-found");
  });

  it("treats a 2xx body it cannot read as an unexpected response rather than guessing", async () => {
    const { client } = clientReplaying("invoice-status");
    const outcome = await client.listInvoiceIssuers(MERCHANT);
    expect(!outcome.ok && outcome.error.kind).toBe("unexpected-response");
  });
});
