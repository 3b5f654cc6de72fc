import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CallbackReceiver } from "../../../sandbox/test/support/callback-receiver";
import type { ApiOutcome } from "@/lib/mobilepay/api/api-exchange";
import { recordFixture } from "@/lib/mobilepay/api/test-support/recorded-response";
import {
  FINNISH_APP_USER,
  FINNISH_MERCHANT,
  startLinkedSandbox,
  type LinkedSandbox,
} from "@/lib/mobilepay/api/test-support/linked-sandbox";
import {
  createSubscriptionsClient,
  type SubscriptionsClient,
} from "@/lib/mobilepay/subscriptions/subscriptions-client";
import type { AgreementDraft } from "@/lib/mobilepay/subscriptions/subscriptions-models";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const PROVIDER = FINNISH_MERCHANT.providerId;

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

describe("the Subscriptions client against the sandbox", () => {
  let sandbox: LinkedSandbox;
  let receiver: CallbackReceiver;
  let client: SubscriptionsClient;
  const basic = { userName: "console", password: "callback-password-2" };

  const agreementDraft = (overrides: Partial<AgreementDraft> = {}): AgreementDraft => ({
    amount: 19.9,
    currency: "EUR",
    countryCode: "FI",
    plan: "Weekly bread",
    description: "A loaf every week",
    frequency: 52,
    externalId: `customer-${Math.random().toString(36).slice(2, 10)}`,
    expirationTimeoutMinutes: 60,
    userRedirectUrl: "https://shop.example/agreement-done",
    successCallbackUrl: `${receiver.url}/agreement`,
    cancelCallbackUrl: `${receiver.url}/agreement`,
    ...overrides,
  });

  beforeAll(async () => {
    sandbox = await startLinkedSandbox();
    receiver = new CallbackReceiver();
    await receiver.start();
    client = createSubscriptionsClient({
      baseUrl: `${sandbox.fixture.url}/subscriptions`,
      allowedHosts: [sandbox.host],
      accessToken: await sandbox.accessTokenFor("openid offline_access invoice subscriptions"),
    });
  });
  afterAll(async () => {
    await receiver.stop();
    await sandbox.fixture.stop();
  });

  it("reads the merchant with its providers, and registers the provider's callback URL and Basic auth", async () => {
    const merchant = ok(await client.getMerchant(), "merchant-me");
    expect(merchant.merchantId).toBe(FINNISH_MERCHANT.merchantId);
    expect(merchant.providers).toEqual([expect.objectContaining({ providerId: PROVIDER, name: "Annan Leipätilaus" })]);

    const auth = await client.setCallbackBasicAuth(PROVIDER, basic);
    expect(ok(auth)).toBeNull();
    expect(auth.exchange.requestBody).not.toContain(basic.password);
    expect(ok(await client.setPaymentCallbackUrl(PROVIDER, `${receiver.url}/payment`))).toBeNull();

    const provider = ok(await client.getProvider(PROVIDER), "provider");
    expect(provider).toMatchObject({
      paymentStatusCallbackUrl: `${receiver.url}/payment`,
      callbackAuthScheme: "basic",
    });
  });

  it("creates an agreement, the app user accepts it, a signed callback arrives, payments are requested", async () => {
    const draft = agreementDraft();
    const created = ok(await client.createAgreement(PROVIDER, draft), "create-agreement");
    expect(created.oneOffPaymentId).toBeNull();
    expect(created.mobilePayUrl).toContain("flow=agreement");
    expect(ok(await client.getAgreement(PROVIDER, created.agreementId), "agreement-pending").status).toBe("Pending");

    expect(
      ok(
        await client.simulateAgreementAnswer(created.agreementId, "Accepted", FINNISH_APP_USER.id),
        "simulate-agreement",
      ),
    ).toBeNull();
    const callback = await receiver.waitForEvent<{ agreement_id: string; status: string }>(
      "/agreement",
      (event) => event.agreement_id === created.agreementId,
    );
    expect(callback.status).toBe("Active");
    const expected = `Basic ${Buffer.from(`${basic.userName}:${basic.password}`).toString("base64")}`;
    expect(receiver.on("/agreement")[0]?.headers.authorization).toBe(expected);

    const listed = ok(
      await client.listAgreements(PROVIDER, { pageNumber: 1, pageSize: 10, status: "Active" }),
      "agreements",
    );
    expect(listed.map((agreement) => agreement.agreementId)).toContain(created.agreementId);

    const requested = ok(
      await client.createPaymentRequests(PROVIDER, [
        {
          agreementId: created.agreementId,
          amount: 19.9,
          dueDate: daysFromNow(7),
          externalId: "pay-1",
          description: "Week 1",
        },
        {
          agreementId: "not-a-guid",
          amount: 19.9,
          dueDate: daysFromNow(7),
          externalId: "pay-x",
          description: "Broken",
        },
      ]),
      "payment-requests",
    );
    expect(requested.pending).toHaveLength(1);
    expect(requested.rejected).toEqual([expect.objectContaining({ externalId: "pay-x" })]);
    const payments = ok(await client.listPaymentRequests(PROVIDER, created.agreementId), "payment-requests-list");
    expect(payments).toEqual([
      expect.objectContaining({ paymentId: requested.pending[0]?.paymentId, status: "Pending" }),
    ]);

    expect(ok(await client.cancelAgreement(PROVIDER, created.agreementId), "cancel-agreement")).toBeNull();
    const again = failed(await client.cancelAgreement(PROVIDER, created.agreementId), "error-precondition");
    expect(again).toMatchObject({
      kind: "rejected",
      status: 412,
      errorType: "PreconditionError",
      shape: "subscriptions",
    });
    expect(again.code).toBe("PreconditionFailed");
  });

  it("creates an agreement with a one-off, reserves, captures and refunds it; cancels another one-off", async () => {
    const created = ok(
      await client.createAgreement(
        PROVIDER,
        agreementDraft({ oneOff: { amount: 25, externalId: "first-box", description: "Starter box" } }),
      ),
      "create-agreement-one-off",
    );
    expect(created.oneOffPaymentId).toMatch(/^[0-9a-f-]{36}$/);
    const oneOffId = created.oneOffPaymentId!;
    const answer = ok(
      await client.simulateOneOffAnswer(created.agreementId, oneOffId, "Accepted", FINNISH_APP_USER.id),
      "simulate-one-off",
    );
    expect(answer).toEqual({ id: oneOffId, status: "Reserved" });
    expect(ok(await client.getOneOff(PROVIDER, created.agreementId, oneOffId), "one-off").status).toBe("Reserved");
    expect(ok(await client.captureOneOff(PROVIDER, created.agreementId, oneOffId), "capture-one-off")).toBeNull();

    const refund = ok(
      await client.createRefund(PROVIDER, created.agreementId, oneOffId, {
        amount: 5,
        statusCallbackUrl: `${receiver.url}/refund`,
        externalId: "refund-1",
      }),
      "create-refund",
    );
    expect(refund).toMatchObject({ amount: 5, externalId: "refund-1" });
    const refundCallback = await receiver.waitForEvent<{ refund_id: string; status: string }>(
      "/refund",
      (event) => event.refund_id === refund.refundId,
    );
    expect(refundCallback.status).toBe("Issued");

    const extra = ok(
      await client.createOneOff(PROVIDER, created.agreementId, {
        amount: 3,
        externalId: "extra",
        description: "Extra bun",
      }),
      "create-one-off",
    );
    expect(ok(await client.cancelOneOff(PROVIDER, created.agreementId, extra.paymentId), "cancel-one-off")).toBeNull();
  });

  it("reports both error shapes, the refund shape, a bodiless 404 and a bodiless 401", async () => {
    const input = failed(await client.createAgreement(PROVIDER, agreementDraft({ plan: "" })), "error-input");
    expect(input).toMatchObject({ status: 400, code: "BadRequest", errorType: "InputError", shape: "subscriptions" });
    expect(input.message).toContain("request.Plan is required");

    const created = ok(
      await client.createAgreement(
        PROVIDER,
        agreementDraft({ oneOff: { amount: 9, externalId: "o", description: "d" } }),
      ),
    );
    const refund = failed(
      await client.createRefund(PROVIDER, created.agreementId, created.oneOffPaymentId!, {
        statusCallbackUrl: "http://shop.example/refund",
      }),
      "error-refund",
    );
    expect(refund).toMatchObject({ status: 400, shape: "refund", errorType: "InputError" });
    expect(refund.message).toContain("https");

    const missing = failed(
      await client.getAgreement(PROVIDER, "00000000-0000-4000-8000-000000000000"),
      "error-not-found",
    );
    expect(missing).toMatchObject({ kind: "not-found", status: 404, shape: "empty" });

    const invoiceOnly = createSubscriptionsClient({
      baseUrl: `${sandbox.fixture.url}/subscriptions`,
      allowedHosts: [sandbox.host],
      accessToken: await sandbox.accessTokenFor("openid offline_access invoice"),
    });
    expect(failed(await invoiceOnly.getMerchant(), "error-unauthorized")).toMatchObject({
      kind: "unauthorized",
      status: 401,
      shape: "empty",
    });
  });
});
