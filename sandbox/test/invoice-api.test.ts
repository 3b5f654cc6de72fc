import { SignJWT, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { callApi, INVOICE_ME } from "./support/api-client";
import { CallbackReceiver } from "./support/callback-receiver";
import { ControlClient } from "./support/control-client";
import { linkAndRedeem } from "./support/hybrid-flow";
import { claimsOf } from "./support/jwt-checks";
import { ANNA, BO, CONSOLE_CLIENT, startTestSandbox, type TestSandbox } from "./support/test-sandbox";

const BO_ISSUER = "12b4a962-038f-4c19-b39f-684300345d32";
const ANNA_FI_ISSUER = "e5f47b25-73d9-4f11-a1d1-cf7ba7b971c1";
const KAREN = { id: "8a7dff7f-c7f7-480f-852e-74168abd667e", phone: "+4512345678" };
const LARS = { id: "5c0b1f0e-9a57-4d4b-a1f2-2f4d0f7c9e11", phone: "+4587654321" };
const AINO = { phone: "+358401234567" };

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

let invoiceCounter = 0;
function directInvoice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  invoiceCounter += 1;
  return {
    InvoiceIssuer: BO_ISSUER,
    ConsumerAlias: { Alias: KAREN.phone, AliasType: "Phone" },
    ConsumerName: "Karen Holm",
    TotalAmount: 360,
    TotalVatAmount: 72,
    InvoiceNumber: `INV-${invoiceCounter}`,
    DueDate: daysFromNow(14),
    InvoiceArticles: [
      {
        ArticleDescription: "Bike service",
        VATRate: 25,
        TotalVATAmount: 72,
        TotalPriceIncludingVat: 360,
        Quantity: 1,
        PricePerUnit: 288,
      },
    ],
    ...overrides,
  };
}

describe("the Invoice API", () => {
  let fixture: TestSandbox;
  let control: ControlClient;
  let receiver: CallbackReceiver;
  let token: string;
  const invoices = `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/invoices`;
  const api = <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => callApi<T>(fixture.url, token, method, path, body, headers);

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
        scope: "openid offline_access invoice",
      })
    ).accessToken;
  });
  afterAll(async () => {
    await receiver.stop();
    await fixture.stop();
  });

  describe("access", () => {
    it("answers a bare 401 to a missing, malformed, foreign-signed, wrong-scope or expired token", async () => {
      const subscriptionsOnly = (
        await linkAndRedeem(fixture.url, {
          client: CONSOLE_CLIENT,
          email: BO.email,
          password: BO.password,
          scope: "openid offline_access subscriptions",
        })
      ).accessToken;
      const { privateKey } = await generateKeyPair("RS256");
      const forged = await new SignJWT({ ...claimsOf(token) })
        .setProtectedHeader({ alg: "RS256", kid: claimsOf(token).jti as string })
        .sign(privateKey);
      for (const candidate of [undefined, "not-a-jwt", forged, subscriptionsOnly]) {
        const response = await callApi(fixture.url, candidate, "GET", INVOICE_ME);
        expect(response.status).toBe(401);
        expect(response.text).toBe("");
      }
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(Date.now() + 301_000);
        const expired = await api("GET", INVOICE_ME);
        expect(expired.status).toBe(401);
        expect(expired.text).toBe("");
      } finally {
        vi.useRealTimers();
      }
    });

    it("tells the merchant its id and lists its invoice issuers", async () => {
      expect((await api("GET", INVOICE_ME)).body).toEqual({ MerchantId: BO.merchant.id });
      const issuers = await api<{ InvoiceIssuers: Record<string, unknown>[] }>(
        "GET",
        `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/invoiceissuers`,
      );
      expect(issuers.body.InvoiceIssuers).toEqual([
        {
          Id: BO_ISSUER,
          Name: "Bos Cykler",
          AccountType: "Account",
          Status: "enabled",
          Address: "Hjulgade 7",
          City: "Odense",
          ZipCode: "5000",
        },
      ]);
    });

    it("refuses another merchant's resources", async () => {
      const foreign = await api("GET", `/invoice-restapi/api/v1/merchants/${ANNA.danishMerchant.id}/invoiceissuers`);
      expect(foreign.status).toBe(403);
      expect(foreign.text).toBe("");
    });
  });

  describe("creating invoices", () => {
    it("creates an InvoiceDirect and shows its details and status", async () => {
      const created = await api<{ InvoiceId: string }>(
        "POST",
        invoices,
        directInvoice({ InvoiceNumber: "DETAIL-1", PaymentReference: "ref-1" }),
      );
      expect(created.status).toBe(200);
      expect(created.body.InvoiceId).toMatch(/^[0-9a-f-]{36}$/);

      const details = await api("GET", `${invoices}/${created.body.InvoiceId}`);
      expect(details.body).toMatchObject({
        InvoiceId: created.body.InvoiceId,
        InvoiceNumber: "DETAIL-1",
        Status: "created",
        CurrencyCode: "DKK",
        TotalAmount: 360,
        TotalVatAmount: 72,
        TotalAmountExcludingVat: 288,
        InvoiceVatTotals: [{ VatRate: 25, TotalVatAmount: 72 }],
        MerchantId: BO.merchant.id,
        InvoiceIssuerName: "Bos Cykler",
        MerchantIsoCountryCode: "DK",
        PaymentReference: "ref-1",
      });
      expect((await api("GET", `${invoices}/${created.body.InvoiceId}/status`)).body).toEqual({
        InvoiceId: created.body.InvoiceId,
        Status: "created",
      });
      expect((await api("GET", `${invoices}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    });

    it("accepts camelCase properties and Danish phone formats, as ASP.NET model binding does", async () => {
      const created = await api("POST", invoices, {
        invoiceIssuer: BO_ISSUER,
        consumerAlias: { alias: "0045 8765 4321", aliasType: "Phone" },
        totalAmount: "99.50",
        invoiceNumber: "CAMEL-1",
        dueDate: daysFromNow(3),
        invoiceArticles: [{ articleDescription: "Bell" }],
      });
      expect(created.status).toBe(200);
    });

    it("reports shape problems as InputError (400) in MobilePay's error body, and creates nothing", async () => {
      const response = await api(
        "POST",
        invoices,
        directInvoice({ TotalAmount: "lots", DueDate: undefined, InvoiceArticles: [], InvoiceNumber: undefined }),
        { CorrelationId: "3f1e8f6c-2b7a-4c1d-9e0f-1a2b3c4d5e6f" },
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        correlation_id: "3f1e8f6c-2b7a-4c1d-9e0f-1a2b3c4d5e6f",
        error: "InputError",
        error_code: null,
        error_context: "Invoices",
      });
      const description = String((response.body as { error_description: string }).error_description);
      expect(description).toContain("input.TotalAmount : Invalid input\r\n");
      expect(description).toContain("input.DueDate");
      expect(description).toContain("input.InvoiceArticles");
      expect(description).toContain("InvoiceNumber or PaymentReference is required");

      expect((await api("POST", invoices, "{not json")).status).toBe(400);
      expect(
        (await api("POST", invoices, directInvoice({ InvoiceUrl: "http://merchant.example/invoice.pdf" }))).status,
      ).toBe(400);
      expect((await api("POST", invoices, directInvoice({ ConsumerAlias: undefined }))).status).toBe(400);
      expect((await api("POST", invoices, directInvoice({ PaymentReference: "x".repeat(61) }))).status).toBe(400);
    });

    it.each([
      ["10008", { TotalAmount: 0 }],
      ["10201", { TotalAmount: 300_000.01 }],
      ["10311", { DueDate: daysFromNow(-1) }],
      ["10310", { DueDate: daysFromNow(400) }],
      ["10312", { IssueDate: daysFromNow(1) }],
      ["10101", { ConsumerAlias: { Alias: "+4500000000", AliasType: "Phone" } }],
      ["10202", { InvoiceIssuer: ANNA_FI_ISSUER }],
    ])("refuses a business-rule violation with DomainError %s (409)", async (code, overrides) => {
      const response = await api("POST", invoices, directInvoice(overrides));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ error: "DomainError", error_code: code, error_context: "Invoices" });
    });

    it("refuses an exact duplicate with 10301", async () => {
      const body = directInvoice({ InvoiceNumber: "DUP-1" });
      expect((await api("POST", invoices, body)).status).toBe(200);
      const again = await api("POST", invoices, body);
      expect(again.status).toBe(409);
      expect((again.body as { error_code: string }).error_code).toBe("10301");
    });

    it("allows at most ten invoices per consumer per merchant per day (10314)", async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 11; index += 1) {
        statuses.push(
          (
            await api(
              "POST",
              invoices,
              directInvoice({
                ConsumerAlias: { Alias: AINO.phone, AliasType: "Phone" },
                InvoiceNumber: `LIMIT-${index}`,
              }),
            )
          ).status,
        );
      }
      expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
      const eleventh = await api(
        "POST",
        invoices,
        directInvoice({ ConsumerAlias: { Alias: AINO.phone, AliasType: "Phone" }, InvoiceNumber: "LIMIT-X" }),
      );
      expect((eleventh.body as { error_code: string }).error_code).toBe("10314");
    });

    it("creates an InvoiceLink with its user-redirect link", async () => {
      const created = await api<{ InvoiceId: string; Links: { Rel: string; Href: string }[] }>(
        "POST",
        `${invoices}/link`,
        directInvoice({ ConsumerAlias: undefined, RedirectUrl: "https://shop.example/thanks" }),
      );
      expect(created.status).toBe(200);
      expect(created.body.Links).toEqual([
        { Rel: "user-redirect", Href: expect.stringContaining(created.body.InvoiceId) as unknown as string },
      ]);
    });

    it("takes batches and reports accepted and rejected invoices", async () => {
      const response = await api<{
        Accepted: { InvoiceNumber: string }[];
        Rejected: { InvoiceNumber: string; Errors: { ErrorCode: number | null }[] }[];
      }>("POST", `${invoices}/batch`, [
        directInvoice({ InvoiceNumber: "B-1" }),
        directInvoice({ InvoiceNumber: "B-2", TotalAmount: -5 }),
        directInvoice({ InvoiceNumber: "B-3", DueDate: "tomorrow" }),
      ]);
      expect(response.status).toBe(202);
      expect(response.body.Accepted.map((item) => item.InvoiceNumber)).toEqual(["B-1"]);
      expect(response.body.Rejected.map((item) => [item.InvoiceNumber, item.Errors[0]?.ErrorCode])).toEqual([
        ["B-2", 10008],
        ["B-3", null],
      ]);
      expect((await api("POST", `${invoices}/batch`, [])).status).toBe(400);
    });
  });

  describe("lifecycle and callbacks", () => {
    it("sends array callbacks with the API key and follows accept → paid", async () => {
      expect(
        (
          await api("PUT", `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/auth/apikey`, {
            apiKey: "secret-key-1",
            callbackUrl: `${receiver.url}/invoice-apikey`,
          })
        ).status,
      ).toBe(204);
      const created = await api<{ InvoiceId: string }>("POST", invoices, directInvoice());
      const [createdCallback] = await receiver.waitFor("/invoice-apikey");
      expect(createdCallback?.headers.authorization).toBe("secret-key-1");
      expect(createdCallback?.body).toEqual([
        {
          InvoiceId: created.body.InvoiceId,
          Status: "Created",
          Date: expect.any(String) as unknown as string,
          Sequence: 0,
        },
      ]);

      const accepted = await api(
        "PUT",
        `/invoice-restapi/api/v1/consumers/me/invoices/${created.body.InvoiceId}/accept`,
        {},
        { AuthenticatedUser: KAREN.id },
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ invoiceId: created.body.InvoiceId, invoicePaymentStatus: "paid" });
      expect((await api("GET", `${invoices}/${created.body.InvoiceId}/status`)).body).toMatchObject({ Status: "paid" });

      type InvoiceEvent = { InvoiceId: string; Status: string; Sequence: number; PaymentDate?: string };
      await receiver.waitForEvent<InvoiceEvent>(
        "/invoice-apikey",
        (event) => event.InvoiceId === created.body.InvoiceId && event.Status === "Paid",
      );
      // MobilePay does not promise ordering; Sequence restores it.
      const events = receiver
        .events<InvoiceEvent>("/invoice-apikey")
        .filter((event) => event.InvoiceId === created.body.InvoiceId)
        .sort((a, b) => a.Sequence - b.Sequence);
      expect(events.map((event) => [event.Status, event.Sequence])).toEqual([
        ["Created", 0],
        ["Accepted", 1],
        ["Paid", 2],
      ]);
      expect(receiver.on("/invoice-apikey").every((callback) => Array.isArray(callback.body))).toBe(true);
      expect(events[1]?.PaymentDate).toBe(daysFromNow(0));

      const cancelPaid = await api("PUT", `${invoices}/${created.body.InvoiceId}/cancel`);
      expect(cancelPaid.status).toBe(409);
      expect(cancelPaid.body).toMatchObject({ error: "DomainError", error_code: "10504" });
    });

    it("uses Basic authentication when configured, and retries a failing callback", async () => {
      expect(
        (
          await api("PUT", `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/auth/basic`, {
            username: "bo",
            password: "pw",
            callbackUrl: `${receiver.url}/invoice-basic`,
          })
        ).status,
      ).toBe(204);
      receiver.plannedStatuses = [500, 503];
      const created = await api<{ InvoiceId: string }>("POST", invoices, directInvoice());
      const attempts = await receiver.waitFor("/invoice-basic", 3);
      expect(
        attempts.every(
          (attempt) => attempt.headers.authorization === `Basic ${Buffer.from("bo:pw").toString("base64")}`,
        ),
      ).toBe(true);
      expect(attempts.every((attempt) => JSON.stringify(attempt.body).includes(created.body.InvoiceId))).toBe(true);
      await expect
        .poll(async () =>
          (await control.state()).callbacks.recent.find((item) => item.url === `${receiver.url}/invoice-basic`),
        )
        .toMatchObject({ state: "delivered", attempts: 3 });
    });

    it("validates the callback settings", async () => {
      expect(
        (
          await api("PUT", `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/auth/apikey`, {
            apiKey: "has spaces",
            callbackUrl: `${receiver.url}/x`,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await api("PUT", `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/auth/basic`, {
            username: "bo",
            callbackUrl: `${receiver.url}/x`,
          })
        ).status,
      ).toBe(400);
    });

    it("cancels an open invoice once", async () => {
      const created = await api<{ InvoiceId: string }>("POST", invoices, directInvoice());
      expect((await api("PUT", `${invoices}/${created.body.InvoiceId}/cancel`)).status).toBe(204);
      expect((await api("GET", `${invoices}/${created.body.InvoiceId}/status`)).body).toMatchObject({
        Status: "canceled",
      });
      expect((await api("PUT", `${invoices}/${created.body.InvoiceId}/cancel`)).status).toBe(409);
    });

    it("lets only the invoiced app user accept, schedules a future payment, and rejects a scheduled link", async () => {
      const direct = await api<{ InvoiceId: string }>("POST", invoices, directInvoice());
      const acceptPath = `/invoice-restapi/api/v1/consumers/me/invoices/${direct.body.InvoiceId}/accept`;
      expect(
        (await api("PUT", acceptPath, {}, { AuthenticatedUser: "00000000-0000-4000-8000-000000000000" })).status,
      ).toBe(403);
      const wrongUser = await api("PUT", acceptPath, {}, { AuthenticatedUser: LARS.id });
      expect(wrongUser.status).toBe(400);
      expect(wrongUser.body).toMatchObject({ invoiceId: direct.body.InvoiceId, invoicePaymentStatus: "created" });

      const link = await api<{ InvoiceId: string }>(
        "POST",
        `${invoices}/link`,
        directInvoice({ ConsumerAlias: undefined, RedirectUrl: "https://shop.example/done" }),
      );
      const linkPath = `/invoice-restapi/api/v1/consumers/me/invoices/${link.body.InvoiceId}`;
      expect((await api("PUT", `${linkPath}/reject`, {}, { AuthenticatedUser: LARS.id })).status).toBe(400);
      const scheduled = await api(
        "PUT",
        `${linkPath}/accept`,
        { paymentDate: `${daysFromNow(5)}T00:00:00Z` },
        { AuthenticatedUser: LARS.id },
      );
      expect(scheduled.body).toMatchObject({
        invoicePaymentStatus: "accepted",
        redirectUrl: "https://shop.example/done?status=accepted",
      });
      expect((await api("PUT", `${linkPath}/reject`, {}, { AuthenticatedUser: LARS.id })).status).toBe(200);
      expect((await api("GET", `${invoices}/${link.body.InvoiceId}/status`)).body).toMatchObject({
        Status: "rejected",
      });
    });

    it("reports links of batch-created InvoiceLinks by callback", async () => {
      await api("PUT", `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/auth/apikey`, {
        apiKey: "k2",
        callbackUrl: `${receiver.url}/invoice-links`,
      });
      const response = await api<{ Accepted: { InvoiceId: string }[] }>("POST", `${invoices}/link/batch`, [
        directInvoice({ ConsumerAlias: undefined }),
        directInvoice({ ConsumerAlias: undefined }),
      ]);
      expect(response.status).toBe(202);
      type LinkEvent = { InvoiceId: string; Links: { Rel: string }[] };
      const ids = response.body.Accepted.map((item) => item.InvoiceId);
      for (const id of ids) await receiver.waitForEvent<LinkEvent>("/invoice-links", (event) => event.InvoiceId === id);
      const events = receiver.events<LinkEvent>("/invoice-links");
      expect(events.map((event) => event.InvoiceId).sort()).toEqual([...ids].sort());
      expect(events.every((event) => event.Links[0]?.Rel === "user-redirect")).toBe(true);
    });
  });
});
