import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadFixture, replayFetch } from "@/lib/mobilepay/api/test-support/recorded-response";
import { createSubscriptionsClient } from "@/lib/mobilepay/subscriptions/subscriptions-client";
import type { AgreementDraft } from "@/lib/mobilepay/subscriptions/subscriptions-models";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const PROVIDER = "49269cdb-a9af-4e68-8927-1d5090af44e0";
const BASE = "https://api.sandbox.mobilepay.dk/subscriptions";

function clientReplaying(fixture: string) {
  const replay = replayFetch(loadFixture(FIXTURES, fixture));
  const client = createSubscriptionsClient({
    baseUrl: BASE,
    allowedHosts: ["api.sandbox.mobilepay.dk"],
    accessToken: "access-token-value",
    fetch: replay.fetch,
  });
  return { client, requests: replay.requests };
}

const DRAFT: AgreementDraft = {
  amount: 19.9,
  currency: "EUR",
  countryCode: "FI",
  plan: "Weekly bread",
  frequency: 52,
  externalId: "customer-1",
  expirationTimeoutMinutes: 60,
  userRedirectUrl: "https://shop.example/done",
  successCallbackUrl: "https://console.example/cb/agreement",
  cancelCallbackUrl: "https://console.example/cb/agreement",
  oneOff: { amount: 25, externalId: "first-box", description: "Starter box" },
};

describe("the Subscriptions client", () => {
  it("sends the snake_case CreateAgreementRequest with links and one-off, and maps the 201 answer", async () => {
    const { client, requests } = clientReplaying("create-agreement-one-off");
    const outcome = await client.createAgreement(PROVIDER, DRAFT);
    expect(outcome.status).toBe(201);
    expect(outcome.ok && outcome.data.oneOffPaymentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.ok && outcome.data.mobilePayUrl).toContain("flow=agreement");
    expect(requests[0]?.url).toBe(`${BASE}/api/providers/${PROVIDER}/agreements`);
    expect(JSON.parse(requests[0]?.body ?? "{}")).toEqual({
      amount: 19.9,
      currency: "EUR",
      country_code: "FI",
      plan: "Weekly bread",
      frequency: 52,
      external_id: "customer-1",
      expiration_timeout_minutes: 60,
      links: [
        { rel: "user-redirect", href: "https://shop.example/done" },
        { rel: "success-callback", href: "https://console.example/cb/agreement" },
        { rel: "cancel-callback", href: "https://console.example/cb/agreement" },
      ],
      one_off_payment: { amount: 25, external_id: "first-box", description: "Starter box" },
    });
  });

  it("maps merchant, provider, agreements, payments, one-offs and refunds", async () => {
    const me = await clientReplaying("merchant-me").client.getMerchant();
    expect(me.ok && me.data.providers[0]).toMatchObject({ providerId: PROVIDER, status: "Enabled" });
    const provider = await clientReplaying("provider").client.getProvider(PROVIDER);
    expect(provider.ok && provider.data.callbackAuthScheme).toBe("basic");
    const agreement = await clientReplaying("agreement-pending").client.getAgreement(PROVIDER, "a");
    expect(agreement.ok && agreement.data).toMatchObject({ status: "Pending", currency: "EUR", frequency: 52 });
    const page = await clientReplaying("agreements").client.listAgreements(PROVIDER, { pageNumber: 1 });
    expect(page.ok && page.data.every((item) => item.status === "Active")).toBe(true);
    const payments = await clientReplaying("payment-requests").client.createPaymentRequests(PROVIDER, []);
    expect(payments.ok && payments.data).toMatchObject({
      pending: [{ externalId: "pay-1" }],
      rejected: [{ externalId: "pay-x" }],
    });
    const list = await clientReplaying("payment-requests-list").client.listPaymentRequests(PROVIDER, "a");
    expect(list.ok && list.data[0]?.status).toBe("Pending");
    const oneOff = await clientReplaying("one-off").client.getOneOff(PROVIDER, "a", "p");
    expect(oneOff.ok && oneOff.data).toMatchObject({ status: "Reserved", amount: 25 });
    const refund = await clientReplaying("create-refund").client.createRefund(PROVIDER, "a", "p", {
      statusCallbackUrl: "https://x.example",
    });
    expect(refund.ok && refund.data).toMatchObject({ amount: 5, externalId: "refund-1" });
    const capture = await clientReplaying("capture-one-off").client.captureOneOff(PROVIDER, "a", "p");
    expect(capture).toMatchObject({ ok: true, status: 204 });
  });

  it("sends JSON Patch for the callback URL and the one-off simulation, and the app user header", async () => {
    const patch = clientReplaying("cancel-agreement");
    await patch.client.setPaymentCallbackUrl(PROVIDER, "https://console.example/cb/payment");
    expect(patch.requests[0]?.method).toBe("PATCH");
    expect(JSON.parse(patch.requests[0]?.body ?? "[]")).toEqual([
      { op: "replace", path: "/payment_status_callback_url", value: "https://console.example/cb/payment" },
    ]);
    const simulation = clientReplaying("simulate-one-off");
    const answer = await simulation.client.simulateOneOffAnswer("a", "p", "Accepted", "user-1");
    expect(answer.ok && answer.data.status).toBe("Reserved");
    expect(simulation.requests[0]?.headers.get("authenticateduser")).toBe("user-1");
    expect(simulation.requests[0]?.url).toBe(`${BASE}/api/users/v1/me/agreements/a/oneoffpayments/p`);
  });

  it("reads the Subscriptions error body, the refund error body and bodiless 404/401", async () => {
    const input = await clientReplaying("error-input").client.createAgreement(PROVIDER, DRAFT);
    expect(!input.ok && input.error).toMatchObject({
      status: 400,
      code: "BadRequest",
      errorType: "InputError",
      shape: "subscriptions",
      message: "request.Plan is required",
    });
    const precondition = await clientReplaying("error-precondition").client.cancelAgreement(PROVIDER, "a");
    expect(!precondition.ok && precondition.error).toMatchObject({ status: 412, errorType: "PreconditionError" });
    const refund = await clientReplaying("error-refund").client.createRefund(PROVIDER, "a", "p", {
      statusCallbackUrl: "http://x.example",
    });
    expect(!refund.ok && refund.error).toMatchObject({ shape: "refund", errorType: "InputError" });
    expect(!refund.ok && refund.error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await clientReplaying("error-not-found").client.getAgreement(PROVIDER, "a");
    expect(!missing.ok && missing.error).toMatchObject({ kind: "not-found", shape: "empty" });
    const unauthorized = await clientReplaying("error-unauthorized").client.getMerchant();
    expect(unauthorized.status).toBe(401);
    expect(!unauthorized.ok && unauthorized.error.kind).toBe("unauthorized");
  });
});
