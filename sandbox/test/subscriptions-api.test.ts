import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { callApi, INVOICE_ME, SUBSCRIPTIONS_ME } from "./support/api-client";
import { CallbackReceiver } from "./support/callback-receiver";
import { ControlClient } from "./support/control-client";
import { linkAndRedeem } from "./support/hybrid-flow";
import { ANNA, BO, CONSOLE_CLIENT, startTestSandbox, type TestSandbox } from "./support/test-sandbox";

const BO_PROVIDER = "55447886-15cf-4a85-b7c4-da8bf454951c";
const ANNA_PROVIDER = "b752b658-4bf0-45ca-ba28-6adc30170bef";
const KAREN = "8a7dff7f-c7f7-480f-852e-74168abd667e";
const AS_KAREN = { AuthenticatedUser: KAREN };

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

interface AgreementCreated {
  id: string;
  one_off_payment_id?: string;
  links: { rel: string; href: string }[];
}

describe("the Subscriptions API", () => {
  let fixture: TestSandbox;
  let control: ControlClient;
  let receiver: CallbackReceiver;
  let token: string;
  const provider = `/subscriptions/api/providers/${BO_PROVIDER}`;
  const api = <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => callApi<T>(fixture.url, token, method, path, body, headers);

  function agreementBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      amount: 99.95,
      currency: "DKK",
      country_code: "DK",
      plan: "Service plan",
      description: "Monthly bike service",
      frequency: 12,
      external_id: `customer-${Math.random().toString(36).slice(2, 8)}`,
      expiration_timeout_minutes: 5,
      mobile_phone_number: "4512345678",
      links: [
        { rel: "user-redirect", href: "https://shop.example/agreement-done" },
        { rel: "success-callback", href: `${receiver.url}/agreement-success` },
        { rel: "cancel-callback", href: `${receiver.url}/agreement-cancel` },
      ],
      ...overrides,
    };
  }

  async function activeAgreement(): Promise<string> {
    const created = await api<AgreementCreated>("POST", `${provider}/agreements`, agreementBody());
    expect(
      (await api("PATCH", `/subscriptions/api/agreements/v1/${created.body.id}`, { status: "Accepted" }, AS_KAREN))
        .status,
    ).toBe(204);
    return created.body.id;
  }

  beforeAll(async () => {
    fixture = await startTestSandbox();
    control = new ControlClient(fixture.url);
    receiver = new CallbackReceiver();
    await receiver.start();
    token = (
      await linkAndRedeem(fixture.url, {
        client: CONSOLE_CLIENT,
        email: BO.email,
        password: BO.password,
        scope: "openid offline_access subscriptions",
      })
    ).accessToken;
    expect(
      (
        await api("PATCH", provider, [
          { op: "replace", path: "/payment_status_callback_url", value: `${receiver.url}/payments` },
        ])
      ).status,
    ).toBe(204);
  });
  afterAll(async () => {
    await receiver.stop();
    await fixture.stop();
  });

  describe("merchant and providers", () => {
    it("answers merchants/me with the merchant's providers, and refuses an invoice-only token with a bare 401", async () => {
      const me = await api("GET", SUBSCRIPTIONS_ME);
      expect(me.body).toMatchObject({
        Id: BO.merchant.id,
        SubscriptionProviders: [{ SubscriptionProviderId: BO_PROVIDER, Name: "Bos Cykelservice", Status: "Enabled" }],
      });
      const invoiceOnly = (
        await linkAndRedeem(fixture.url, {
          client: CONSOLE_CLIENT,
          email: BO.email,
          password: BO.password,
          scope: "openid offline_access invoice",
        })
      ).accessToken;
      const refused = await callApi(fixture.url, invoiceOnly, "GET", SUBSCRIPTIONS_ME);
      expect(refused.status).toBe(401);
      expect(refused.text).toBe("");
      expect((await api("GET", INVOICE_ME)).status).toBe(401);
    });

    it("requires https for the payment status callback URL (loopback excepted in the sandbox)", async () => {
      const http = await api("PATCH", provider, [
        { op: "replace", path: "/payment_status_callback_url", value: "http://merchant.example/callback" },
      ]);
      expect(http.status).toBe(400);
      expect(http.body).toMatchObject({
        error: "BadRequest",
        error_description: { message: "The hyperlink reference must use https scheme", error_type: "InputError" },
      });
      expect(
        (
          await api("PATCH", provider, [
            { op: "add", path: "/payment_status_callback_url", value: "https://x.example" },
          ])
        ).status,
      ).toBe(400);
      expect(
        (await api<{ payment_status_callback_url: string }>("GET", provider)).body.payment_status_callback_url,
      ).toBe(`${receiver.url}/payments`);
    });

    it("refuses another merchant's provider with 403 and an unknown one with 404, both without a body", async () => {
      const foreign = await api("GET", `/subscriptions/api/providers/${ANNA_PROVIDER}/agreements?pageNumber=1`);
      expect(foreign.status).toBe(403);
      expect(foreign.text).toBe("");
      const unknown = await api("GET", "/subscriptions/api/providers/00000000-0000-4000-8000-000000000000");
      expect(unknown.status).toBe(404);
      expect(unknown.text).toBe("");
    });

    it("stores callback authentication and sends it with callbacks", async () => {
      expect((await api("PUT", `${provider}/auth/apikey`, { api_key: "sub-key-1" })).status).toBe(204);
      expect((await api("PUT", `${provider}/auth/basic`, { user_name: "bo" })).status).toBe(400);
      const created = await api<AgreementCreated>(
        "POST",
        `${provider}/agreements`,
        agreementBody({ links: agreementBody().links }),
      );
      await api("PATCH", `/subscriptions/api/agreements/v1/${created.body.id}`, { status: "Accepted" }, AS_KAREN);
      await receiver.waitForEvent<{ agreement_id: string }>(
        "/agreement-success",
        (event) => event.agreement_id === created.body.id,
      );
      const callback = receiver
        .on("/agreement-success")
        .find((candidate) => (candidate.body as { agreement_id: string }).agreement_id === created.body.id);
      expect(callback?.headers.authorization).toBe("sub-key-1");
    });
  });

  describe("agreements", () => {
    it("creates a pending agreement and activates it when the app user accepts, with an object callback", async () => {
      const body = agreementBody();
      const created = await api<AgreementCreated>("POST", `${provider}/agreements`, body);
      expect(created.status).toBe(201);
      expect(created.body.links[0]?.rel).toBe("mobile-pay");
      expect(created.body.links[0]?.href).toContain(`id=${created.body.id}`);

      const pending = await api("GET", `${provider}/agreements/${created.body.id}`);
      expect(pending.body).toMatchObject({
        id: created.body.id,
        status: "Pending",
        plan: "Service plan",
        currency: "DKK",
        amount: 99.95,
        frequency: 12,
      });

      expect(
        (
          await api(
            "PATCH",
            `/recurringpayments-restapi/api/agreements/v1/${created.body.id}`,
            { status: "Accepted" },
            AS_KAREN,
          )
        ).status,
      ).toBe(204);
      expect((await api("GET", `${provider}/agreements/${created.body.id}`)).body).toMatchObject({ status: "Active" });
      const callback = await receiver.waitForEvent<{ agreement_id: string }>(
        "/agreement-success",
        (event) => event.agreement_id === created.body.id,
      );
      expect(callback).toEqual({
        agreement_id: created.body.id,
        status: "Active",
        status_text: "",
        status_code: 0,
        external_id: body.external_id,
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/) as unknown as string,
      });
    });

    it("reports a rejection to the cancel callback with 40000", async () => {
      const created = await api<AgreementCreated>("POST", `${provider}/agreements`, agreementBody());
      await api("PATCH", `/subscriptions/api/agreements/v1/${created.body.id}`, { status: "Rejected" }, AS_KAREN);
      const callback = await receiver.waitForEvent<{ agreement_id: string }>(
        "/agreement-cancel",
        (event) => event.agreement_id === created.body.id,
      );
      expect(callback).toMatchObject({
        status: "Rejected",
        status_code: 40000,
        status_text: "Agreement rejected by user",
      });
      const again = await api(
        "PATCH",
        `/subscriptions/api/agreements/v1/${created.body.id}`,
        { status: "Accepted" },
        AS_KAREN,
      );
      expect(again.status).toBe(412);
      expect(again.body).toMatchObject({
        error: "PreconditionFailed",
        error_description: { error_type: "PreconditionError" },
      });
    });

    it.each([
      ["plan is missing", { plan: undefined }, "request.Plan is required"],
      ["plan is too long", { plan: "p".repeat(31) }, "request.Plan must be at most 30 characters"],
      ["currency does not match the country", { currency: "EUR" }, "request.Currency does not match"],
      ["frequency is not allowed", { frequency: 3 }, "request.Frequency must be one of"],
      ["expiration is out of range", { expiration_timeout_minutes: 181_441 }, "request.ExpirationTimeoutMinutes"],
      [
        "links lack a callback",
        { links: [{ rel: "user-redirect", href: "https://shop.example" }] },
        "request.Links must contain a 'success-callback' link",
      ],
      [
        "a callback is plain http",
        {
          links: [
            { rel: "user-redirect", href: "https://a.example" },
            { rel: "success-callback", href: "http://merchant.example/s" },
            { rel: "cancel-callback", href: "https://a.example/c" },
          ],
        },
        "The hyperlink reference must use https scheme",
      ],
      [
        "the one-off lacks a description",
        { one_off_payment: { amount: 10, external_id: "o-1" } },
        "request.OneOffPayment.Description is required",
      ],
    ])("refuses an agreement when %s", async (_label, overrides, message) => {
      const response = await api("POST", `${provider}/agreements`, agreementBody(overrides));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: "BadRequest", error_description: { error_type: "InputError" } });
      expect(
        (response.body as { error_description: { message: string; correlation_id: string } }).error_description.message,
      ).toContain(message);
    });

    it("lists agreements page by page, and requires pageNumber", async () => {
      await activeAgreement();
      const missing = await api("GET", `${provider}/agreements`);
      expect(missing.status).toBe(400);
      const page = await api<[{ page_size: number; agreements: { status: string }[] }]>(
        "GET",
        `${provider}/agreements?pageNumber=1&pageSize=2&status=Active`,
      );
      expect(page.status).toBe(200);
      expect(page.body[0].page_size).toBe(2);
      expect(page.body[0].agreements.length).toBeGreaterThan(0);
      expect(page.body[0].agreements.every((agreement) => agreement.status === "Active")).toBe(true);
    });

    it("changes an agreement with JSON Patch and refuses other operations", async () => {
      const id = await activeAgreement();
      expect(
        (
          await api("PATCH", `${provider}/agreements/${id}`, [
            { op: "replace", path: "/plan", value: "Premium" },
            { op: "replace", path: "/amount", value: 149 },
          ])
        ).status,
      ).toBe(204);
      expect((await api("GET", `${provider}/agreements/${id}`)).body).toMatchObject({ plan: "Premium", amount: 149 });
      expect(
        (await api("PATCH", `${provider}/agreements/${id}`, [{ op: "replace", path: "/currency", value: "EUR" }]))
          .status,
      ).toBe(400);
      expect(
        (await api("PATCH", `${provider}/agreements/${id}`, [{ op: "replace", path: "/plan", value: "x".repeat(31) }]))
          .status,
      ).toBe(400);
      expect((await api("GET", `${provider}/agreements/${id}`)).body).toMatchObject({ plan: "Premium" });
    });

    it("cancels by the merchant once (40003), declining pending payments with 50005", async () => {
      const id = await activeAgreement();
      const requested = await api<{ pending_payments: { payment_id: string }[] }>(
        "POST",
        `${provider}/paymentrequests`,
        [{ agreement_id: id, amount: 10, due_date: daysFromNow(3), external_id: "cancel-me", description: "March" }],
      );
      const paymentId = requested.body.pending_payments[0]?.payment_id;
      expect((await api("DELETE", `${provider}/agreements/${id}`)).status).toBe(204);
      const callback = await receiver.waitForEvent<{ agreement_id: string }>(
        "/agreement-cancel",
        (event) => event.agreement_id === id,
      );
      expect(callback).toMatchObject({
        status: "Canceled",
        status_code: 40003,
        status_text: "Agreement canceled by merchant",
      });
      expect((await api("GET", `${provider}/agreements/${id}/paymentrequests/${paymentId}`)).body).toMatchObject({
        status: "Declined",
        status_code: 50005,
      });
      expect((await api("DELETE", `${provider}/agreements/${id}`)).status).toBe(412);
    });

    it("lets the app user cancel an active agreement (40002)", async () => {
      const id = await activeAgreement();
      expect(
        (await api("PATCH", `/subscriptions/api/users/v1/me/agreements/${id}`, { status: "Canceled" }, AS_KAREN))
          .status,
      ).toBe(204);
      const callback = await receiver.waitForEvent<{ agreement_id: string }>(
        "/agreement-cancel",
        (event) => event.agreement_id === id,
      );
      expect(callback).toMatchObject({ status: "Canceled", status_code: 40002 });
    });

    it("expires a pending agreement after expiration_timeout_minutes (40001)", async () => {
      const created = await api<AgreementCreated>(
        "POST",
        `${provider}/agreements`,
        agreementBody({ expiration_timeout_minutes: 5 }),
      );
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(Date.now() + 5 * 60_000 + 1000);
        // A fresh token: the one from beforeAll has expired on the faked clock.
        const fresh = (
          await linkAndRedeem(fixture.url, {
            client: CONSOLE_CLIENT,
            email: BO.email,
            password: BO.password,
            scope: "openid offline_access subscriptions",
          })
        ).accessToken;
        expect(
          (await callApi(fixture.url, fresh, "GET", `${provider}/agreements/${created.body.id}`)).body,
        ).toMatchObject({ status: "Expired" });
      } finally {
        vi.useRealTimers();
      }
      // The callback was queued on the faked clock; make it due on the real one.
      await control.call("POST", "/control/callbacks/flush");
      const callback = await receiver.waitForEvent<{ agreement_id: string }>(
        "/agreement-cancel",
        (event) => event.agreement_id === created.body.id,
      );
      expect(callback).toMatchObject({
        status: "Expired",
        status_code: 40001,
        status_text: "Pending agreement expired",
      });
    });

    it("answers 404 without a body for an unknown agreement, and 403 to a simulation call without a known app user", async () => {
      const unknown = await api("GET", `${provider}/agreements/00000000-0000-4000-8000-000000000000`);
      expect(unknown.status).toBe(404);
      expect(unknown.text).toBe("");
      const created = await api<AgreementCreated>("POST", `${provider}/agreements`, agreementBody());
      expect(
        (await api("PATCH", `/subscriptions/api/agreements/v1/${created.body.id}`, { status: "Accepted" })).status,
      ).toBe(403);
      expect((await api("GET", `${provider}/agreements/${created.body.id}`)).body).toMatchObject({ status: "Pending" });
    });
  });

  describe("payments", () => {
    it("accepts well-formed payment requests, rejects malformed ones, declines by callback, and executes with an array callback", async () => {
      const id = await activeAgreement();
      const pendingAgreement = await api<AgreementCreated>("POST", `${provider}/agreements`, agreementBody());
      const response = await api<{
        pending_payments: { payment_id: string; external_id: string }[];
        rejected_payments: { external_id: string; error_description: string }[];
      }>("POST", `${provider}/paymentrequests`, [
        {
          agreement_id: id,
          amount: 99.95,
          due_date: daysFromNow(7),
          external_id: "ok-1",
          description: "April",
          grace_period_days: 2,
        },
        { agreement_id: id, amount: 10, due_date: daysFromNow(7), external_id: "bad-1" },
        {
          agreement_id: pendingAgreement.body.id,
          amount: 10,
          due_date: daysFromNow(7),
          external_id: "not-active",
          description: "x",
        },
        { agreement_id: id, amount: 10, due_date: daysFromNow(0), external_id: "too-soon", description: "x" },
        { agreement_id: id, amount: 10, due_date: daysFromNow(127), external_id: "too-late", description: "x" },
        { agreement_id: id, amount: 10, due_date: daysFromNow(7), external_id: "ok-1", description: "dup" },
      ]);
      expect(response.status).toBe(202);
      expect(response.body.rejected_payments).toEqual([
        { external_id: "bad-1", error_description: "request.Description is required" },
      ]);
      expect(response.body.pending_payments.map((payment) => payment.external_id)).toEqual([
        "ok-1",
        "not-active",
        "too-soon",
        "too-late",
        "ok-1",
      ]);

      type PaymentEvent = {
        payment_id: string;
        external_id: string;
        status: string;
        status_code: number;
        payment_type: string;
      };
      const declinedIds = response.body.pending_payments.slice(1).map((payment) => payment.payment_id);
      await receiver.waitForEvent<PaymentEvent>("/payments", (event) => event.payment_id === declinedIds.at(-1));
      const declines = receiver
        .events<PaymentEvent>("/payments")
        .filter((event) => declinedIds.includes(event.payment_id));
      expect(
        declines.map((event) => `${event.external_id}:${event.status}:${event.status_code}:${event.payment_type}`),
      ).toEqual([
        "not-active:Declined:50003:Regular",
        "too-soon:Declined:50011:Regular",
        "too-late:Declined:50012:Regular",
        "ok-1:Declined:50004:Regular",
      ]);

      const executed = await control.json<{ executedPayments: number }>(
        "POST",
        "/control/subscriptions/execute-payments",
        { merchantId: BO.merchant.id },
      );
      expect(executed.executedPayments).toBeGreaterThanOrEqual(1);
      const okPaymentId = response.body.pending_payments[0]?.payment_id;
      expect((await api("GET", `${provider}/agreements/${id}/paymentrequests/${okPaymentId}`)).body).toMatchObject({
        status: "Executed",
        amount: 99.95,
        grace_period_days: 2,
      });
      await expect
        .poll(async () =>
          receiver
            .on("/payments")
            .flatMap(
              (callback) =>
                callback.body as { payment_id: string; status: string; payment_type: string; currency: string }[],
            )
            .find((event) => event.payment_id === okPaymentId && event.status === "Executed"),
        )
        .toMatchObject({ payment_type: "Regular", currency: "DKK" });
    });

    it("lets the merchant lower or decline a pending payment, and the user reject one", async () => {
      const id = await activeAgreement();
      const response = await api<{ pending_payments: { payment_id: string }[] }>(
        "POST",
        `${provider}/paymentrequests`,
        [
          { agreement_id: id, amount: 50, due_date: daysFromNow(10), external_id: "p-1", description: "May" },
          { agreement_id: id, amount: 50, due_date: daysFromNow(11), external_id: "p-2", description: "June" },
        ],
      );
      const [first, second] = response.body.pending_payments.map((payment) => payment.payment_id);
      const path = `${provider}/agreements/${id}/paymentrequests/${first}`;
      expect((await api("PATCH", path, [{ op: "replace", path: "/amount", value: 60 }])).status).toBe(400);
      expect((await api("PATCH", path, [{ op: "replace", path: "/amount", value: 40 }])).status).toBe(204);
      expect((await api("GET", path)).body).toMatchObject({ amount: 40 });
      expect((await api("DELETE", path)).status).toBe(204);
      expect((await api("GET", path)).body).toMatchObject({ status: "Declined", status_code: 50002 });
      expect((await api("DELETE", path)).status).toBe(412);

      expect((await api("DELETE", `/subscriptions/api/users/me/payments/${second}`, undefined, AS_KAREN)).status).toBe(
        204,
      );
      expect((await api("GET", `${provider}/agreements/${id}/paymentrequests/${second}`)).body).toMatchObject({
        status: "Rejected",
        status_code: 50001,
      });
      expect((await api<unknown[]>("GET", `${provider}/agreements/${id}/paymentrequests`)).body).toHaveLength(2);
    });

    it("reserves, captures and refunds a one-off payment", async () => {
      const id = await activeAgreement();
      const inactive = await api<AgreementCreated>("POST", `${provider}/agreements`, agreementBody());
      expect(
        (
          await api("POST", `${provider}/agreements/${inactive.body.id}/oneoffpayments`, {
            amount: 10,
            external_id: "o",
            description: "x",
          })
        ).status,
      ).toBe(412);

      const created = await api<{ id: string; links: { rel: string }[] }>(
        "POST",
        `${provider}/agreements/${id}/oneoffpayments`,
        {
          amount: 200,
          external_id: "oneoff-1",
          description: "New bell",
          links: [{ rel: "user-redirect", href: "https://shop.example/paid" }],
        },
      );
      expect(created.status).toBe(202);
      expect(created.body.links[0]?.rel).toBe("mobile-pay");
      const path = `${provider}/agreements/${id}/oneoffpayments/${created.body.id}`;
      expect((await api("POST", `${path}/capture`)).status).toBe(412);

      const accepted = await api(
        "PATCH",
        `/subscriptions/api/users/v1/me/agreements/${id}/oneoffpayments/${created.body.id}`,
        [{ op: "replace", path: "/status", value: "Accepted" }],
        AS_KAREN,
      );
      expect(accepted.status).toBe(200);
      expect((await api("GET", path)).body).toMatchObject({ status: "Reserved", amount: 200, currency: "DKK" });
      await expect
        .poll(async () =>
          receiver
            .on("/payments")
            .flatMap((callback) => callback.body as { payment_id: string; status: string; payment_type: string }[])
            .find((event) => event.payment_id === created.body.id),
        )
        .toMatchObject({ status: "Reserved", payment_type: "OneOff" });

      expect((await api("POST", `${path}/capture`)).status).toBe(204);
      const twice = await api("POST", `${path}/capture`);
      expect(twice.status).toBe(412);
      expect(twice.body).toMatchObject({ error: "PreconditionFailed" });

      const refunds = `${provider}/agreements/${id}/payments/${created.body.id}/refunds`;
      const invalid = await api("POST", refunds, { amount: 50 });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({
        errorText: expect.any(String) as unknown as string,
        errorDetails: { errorType: "InputError" },
      });

      const partial = await api<{ id: string; amount: number }>("POST", refunds, {
        amount: 150,
        status_callback_url: `${receiver.url}/refunds`,
        external_id: "r-1",
      });
      expect(partial.status).toBe(202);
      expect(partial.body).toMatchObject({ amount: 150, external_id: "r-1" });
      const tooMuch = await api<{ id: string }>("POST", refunds, {
        amount: 60,
        status_callback_url: `${receiver.url}/refunds`,
      });
      const rest = await api<{ id: string; amount: number }>("POST", refunds, {
        status_callback_url: `${receiver.url}/refunds`,
      });
      expect(rest.body.amount).toBe(50);

      const outcomes = (await receiver.waitFor("/refunds", 3)).map(
        (callback) => callback.body as { refund_id: string; status: string; status_code: number },
      );
      expect(outcomes.find((outcome) => outcome.refund_id === partial.body.id)).toMatchObject({
        status: "Issued",
        status_code: 0,
      });
      expect(outcomes.find((outcome) => outcome.refund_id === tooMuch.body.id)).toMatchObject({
        status: "Declined",
        status_code: 60002,
      });
      expect(outcomes.find((outcome) => outcome.refund_id === rest.body.id)).toMatchObject({ status: "Issued" });
      expect((await api<{ status: string }[]>("GET", refunds)).body.map((refund) => refund.status)).toEqual([
        "Issued",
        "Declined",
        "Issued",
      ]);
    });

    it("activates an agreement created with a one-off only together with its reservation", async () => {
      const created = await api<AgreementCreated>(
        "POST",
        `${provider}/agreements`,
        agreementBody({ one_off_payment: { amount: 25, external_id: "first-order", description: "Starter kit" } }),
      );
      expect(created.body.one_off_payment_id).toBeDefined();
      const oneOffPath = `${provider}/agreements/${created.body.id}/oneoffpayments/${created.body.one_off_payment_id}`;
      expect((await api("GET", oneOffPath)).body).toMatchObject({ status: "Requested" });
      await api(
        "PATCH",
        `/subscriptions/api/users/v1/me/agreements/${created.body.id}/oneoffpayments/${created.body.one_off_payment_id}`,
        [{ op: "replace", path: "/status", value: "Accepted" }],
        AS_KAREN,
      );
      expect((await api("GET", `${provider}/agreements/${created.body.id}`)).body).toMatchObject({ status: "Active" });
      expect((await api("GET", oneOffPath)).body).toMatchObject({ status: "Reserved" });
    });

    it("refuses to refund a payment that was not executed (60004) and answers 404 for an unknown payment", async () => {
      const id = await activeAgreement();
      const response = await api<{ pending_payments: { payment_id: string }[] }>(
        "POST",
        `${provider}/paymentrequests`,
        [{ agreement_id: id, amount: 30, due_date: daysFromNow(5), external_id: "unpaid", description: "July" }],
      );
      const paymentId = response.body.pending_payments[0]?.payment_id;
      const refund = await api<{ id: string }>("POST", `${provider}/agreements/${id}/payments/${paymentId}/refunds`, {
        status_callback_url: `${receiver.url}/refunds-unpaid`,
      });
      expect(refund.status).toBe(202);
      const [outcome] = await receiver.waitFor("/refunds-unpaid");
      expect(outcome?.body).toMatchObject({ refund_id: refund.body.id, status: "Declined", status_code: 60004 });
      expect(
        (
          await api("POST", `${provider}/agreements/${id}/payments/00000000-0000-4000-8000-000000000000/refunds`, {
            status_callback_url: `${receiver.url}/r`,
          })
        ).status,
      ).toBe(404);
    });
  });

  it("keeps a merchant's agreements out of another merchant's reach", async () => {
    const annaToken = (
      await linkAndRedeem(fixture.url, {
        client: CONSOLE_CLIENT,
        email: ANNA.email,
        password: ANNA.password,
        merchantVat: ANNA.danishMerchant.vat,
      })
    ).accessToken;
    const id = await activeAgreement();
    expect((await callApi(fixture.url, annaToken, "GET", `${provider}/agreements/${id}`)).status).toBe(403);
    expect(
      (await callApi(fixture.url, annaToken, "GET", `/subscriptions/api/providers/${ANNA_PROVIDER}/agreements/${id}`))
        .status,
    ).toBe(404);
  });
});
