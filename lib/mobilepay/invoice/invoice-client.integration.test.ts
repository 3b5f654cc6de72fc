import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CallbackReceiver } from "../../../sandbox/test/support/callback-receiver";
import { ControlClient } from "../../../sandbox/test/support/control-client";
import type { ApiOutcome } from "@/lib/mobilepay/api/api-exchange";
import { recordFixture } from "@/lib/mobilepay/api/test-support/recorded-response";
import {
  FINNISH_APP_USER,
  FINNISH_MERCHANT,
  startLinkedSandbox,
  type LinkedSandbox,
} from "@/lib/mobilepay/api/test-support/linked-sandbox";
import { createInvoiceClient, type InvoiceClient } from "@/lib/mobilepay/invoice/invoice-client";
import type { InvoiceDraft } from "@/lib/mobilepay/invoice/invoice-models";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function ok<T>(outcome: ApiOutcome<T>, fixture?: string): T {
  if (fixture) recordFixture(FIXTURES, fixture, outcome.exchange);
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.status}: ${outcome.error.message}`);
  return outcome.data;
}

function failed<T>(outcome: ApiOutcome<T>, fixture?: string) {
  if (fixture) recordFixture(FIXTURES, fixture, outcome.exchange);
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.status}`);
  return outcome.error;
}

describe("the Invoice client against the sandbox", () => {
  let sandbox: LinkedSandbox;
  let receiver: CallbackReceiver;
  let client: InvoiceClient;
  let invoiceNumber = 0;

  const draft = (overrides: Partial<InvoiceDraft> = {}): InvoiceDraft => ({
    invoiceIssuer: FINNISH_MERCHANT.invoiceIssuerId,
    consumerPhone: FINNISH_APP_USER.phone,
    consumerName: "Aino Laine",
    totalAmount: 49.9,
    totalVatAmount: 9.66,
    invoiceNumber: `INV-${Date.now()}-${(invoiceNumber += 1)}`,
    issueDate: daysFromNow(0),
    dueDate: daysFromNow(14),
    comment: "Sample invoice",
    articles: [{ description: "Rye bread subscription", quantity: 1, pricePerUnit: 49.9, vatRate: 24 }],
    ...overrides,
  });

  beforeAll(async () => {
    sandbox = await startLinkedSandbox();
    receiver = new CallbackReceiver();
    await receiver.start();
    const accessToken = await sandbox.accessTokenFor("openid offline_access invoice subscriptions");
    client = createInvoiceClient({
      baseUrl: `${sandbox.fixture.url}/invoice-restapi`,
      allowedHosts: [sandbox.host],
      accessToken,
    });
  });
  afterAll(async () => {
    await receiver.stop();
    await sandbox.fixture.stop();
  });

  it("reads the merchant and its invoice issuers", async () => {
    expect(ok(await client.getMerchant(), "merchant-me")).toEqual({ merchantId: FINNISH_MERCHANT.merchantId });
    const issuers = ok(await client.listInvoiceIssuers(FINNISH_MERCHANT.merchantId), "invoice-issuers");
    expect(issuers).toEqual([
      expect.objectContaining({ id: FINNISH_MERCHANT.invoiceIssuerId, name: "Annan Leipomo", status: "enabled" }),
    ]);
  });

  it("registers callback auth, creates an InvoiceDirect, reads it and its status, and gets signed callbacks", async () => {
    const auth = { username: "console", password: "callback-password-1", callbackUrl: `${receiver.url}/invoice` };
    const registered = await client.setCallbackBasicAuth(FINNISH_MERCHANT.merchantId, auth);
    expect(ok(registered)).toBeNull();
    expect(registered.exchange.requestBody).not.toContain(auth.password);

    const created = ok(await client.createInvoiceDirect(FINNISH_MERCHANT.merchantId, draft()), "create-direct");
    expect(created.invoiceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.userRedirectUrl).toBeNull();

    const details = ok(await client.getInvoice(FINNISH_MERCHANT.merchantId, created.invoiceId), "invoice-details");
    expect(details).toMatchObject({
      invoiceId: created.invoiceId,
      status: "created",
      currencyCode: "EUR",
      totalAmount: 49.9,
    });
    const status = ok(await client.getInvoiceStatus(FINNISH_MERCHANT.merchantId, created.invoiceId), "invoice-status");
    expect(status).toEqual({ invoiceId: created.invoiceId, status: "created" });

    const callback = await receiver.waitForEvent<{ InvoiceId: string; Status: string }>(
      "/invoice",
      (event) => event.InvoiceId === created.invoiceId,
    );
    expect(callback.Status).toBe("Created");
    const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
    expect(receiver.on("/invoice")[0]?.headers.authorization).toBe(expected);
  });

  it("simulates the app user accepting (paid) and cannot cancel a paid invoice (DomainError 10504)", async () => {
    const created = ok(await client.createInvoiceDirect(FINNISH_MERCHANT.merchantId, draft()));
    const accepted = ok(
      await client.simulateAccept(created.invoiceId, { appUserId: FINNISH_APP_USER.id }),
      "simulate-accept",
    );
    expect(accepted).toMatchObject({ invoiceId: created.invoiceId, invoicePaymentStatus: "paid" });
    const error = failed(await client.cancelInvoice(FINNISH_MERCHANT.merchantId, created.invoiceId), "cancel-paid");
    expect(error).toMatchObject({
      kind: "rejected",
      status: 409,
      code: "10504",
      errorType: "DomainError",
      shape: "invoice",
    });
  });

  it("creates an InvoiceLink with the user-redirect link, schedules, rejects and cancels", async () => {
    const linkDraft = draft({ consumerPhone: undefined, redirectUrl: "https://shop.example/paid" });
    const link = ok(await client.createInvoiceLink(FINNISH_MERCHANT.merchantId, linkDraft), "create-link");
    expect(link.userRedirectUrl).toContain(`/invoice-landing/${link.invoiceId}`);

    const scheduled = ok(
      await client.simulateAccept(link.invoiceId, { appUserId: FINNISH_APP_USER.id, paymentDate: daysFromNow(5) }),
    );
    expect(scheduled.invoicePaymentStatus).toBe("accepted");
    expect(
      ok(await client.simulateReject(link.invoiceId, { appUserId: FINNISH_APP_USER.id }), "simulate-reject"),
    ).toBeNull();
    expect(ok(await client.getInvoiceStatus(FINNISH_MERCHANT.merchantId, link.invoiceId)).status).toBe("rejected");

    const another = ok(
      await client.createInvoiceLink(FINNISH_MERCHANT.merchantId, { ...linkDraft, invoiceNumber: "L-2" }),
    );
    const canceled = await client.cancelInvoice(FINNISH_MERCHANT.merchantId, another.invoiceId);
    expect(ok(canceled, "cancel")).toBeNull();
    expect(canceled.status).toBe(204);
  });

  it("reports MobilePay's validation errors with code, message and correlation id", async () => {
    const input = failed(
      await client.createInvoiceDirect(FINNISH_MERCHANT.merchantId, draft({ articles: [] })),
      "error-input",
    );
    expect(input).toMatchObject({
      kind: "rejected",
      status: 400,
      errorType: "InputError",
      code: null,
      shape: "invoice",
    });
    expect(input.message).toContain("InvoiceArticles");
    expect(input.correlationId).toMatch(/^[0-9a-f-]{36}$/);

    const overLimit = await client.createInvoiceDirect(FINNISH_MERCHANT.merchantId, draft({ totalAmount: 2000.01 }));
    const limit = failed(overLimit, "error-amount-limit");
    expect(limit).toMatchObject({ status: 409, code: "10201", message: "Amount limit exceeded" });
    // The sandbox echoes the CorrelationId header the client sent.
    expect(limit.correlationId).toBe(overLimit.exchange.correlationId);
    expect(overLimit.exchange.requestHeaders.CorrelationId).toBe(limit.correlationId);
  });

  it("tells a 404 and a bodiless 401 apart", async () => {
    const missing = failed(
      await client.getInvoice(FINNISH_MERCHANT.merchantId, "00000000-0000-4000-8000-000000000000"),
      "error-not-found",
    );
    expect(missing).toMatchObject({ kind: "not-found", status: 404, shape: "empty" });

    const subscriptionsOnly = createInvoiceClient({
      baseUrl: `${sandbox.fixture.url}/invoice-restapi`,
      allowedHosts: [sandbox.host],
      accessToken: await sandbox.accessTokenFor("openid offline_access subscriptions"),
    });
    const refused = failed(await subscriptionsOnly.getMerchant(), "error-unauthorized");
    expect(refused).toMatchObject({ kind: "unauthorized", status: 401, shape: "empty" });
    expect(refused.message).toContain("401");
  });

  it("gives up after its deadline and never calls outside the pinned base", async () => {
    const control = new ControlClient(sandbox.fixture.url);
    await control.call("PUT", "/control/latency", { milliseconds: 400, target: "api" });
    try {
      const slow = createInvoiceClient({
        baseUrl: `${sandbox.fixture.url}/invoice-restapi`,
        allowedHosts: [sandbox.host],
        accessToken: "unused",
        timeoutMs: 100,
      });
      const timedOut = failed(await slow.getMerchant());
      expect(timedOut).toMatchObject({ kind: "timeout", status: 0 });
    } finally {
      await control.call("PUT", "/control/latency", { milliseconds: 0, target: "api" });
    }
    const foreign = createInvoiceClient({
      baseUrl: "https://api.example.test/invoice-restapi",
      allowedHosts: [sandbox.host],
      accessToken: "x",
    });
    await expect(foreign.getMerchant()).rejects.toThrow(/refused to call/);
  });
});
