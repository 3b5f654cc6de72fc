import { describe, expect, it } from "vitest";

import { addDays } from "@/lib/calls/operation-form";
import { OPERATION_FORMS } from "@/lib/calls/operation-forms";
import type { PrefillContext, RuleContext } from "@/lib/calls/sample-call-context";
import { ZRunSampleCallSchema } from "@/lib/calls/sample-call-request";
import { findSampleOperation, SAMPLE_OPERATIONS } from "@/lib/calls/sample-operations";
import { zodFieldErrors } from "@/lib/http/zod-field-errors";

const TODAY = "2030-03-10";
const CALLBACKS = {
  invoice: "http://localhost:3000/api/mobilepay-callbacks/sandbox/invoice",
  agreement: "http://localhost:3000/api/mobilepay-callbacks/sandbox/agreement",
  payment: "http://localhost:3000/api/mobilepay-callbacks/sandbox/payment",
  refund: "http://localhost:3000/api/mobilepay-callbacks/sandbox/refund",
};
const SANDBOX_FI: RuleContext = { country: "FI", today: TODAY, callbackUrls: CALLBACKS, allowLoopbackHttp: true };
const PREFILL: PrefillContext = {
  ...SANDBOX_FI,
  known: {
    invoiceIssuerId: "e5f47b25-73d9-4f11-a1d1-cf7ba7b971c1",
    providerId: "49269cdb-a9af-4e68-8927-1d5090af44e0",
    invoiceId: "11111111-1111-4111-8111-111111111111",
    agreementId: "22222222-2222-4222-8222-222222222222",
    oneOff: { agreementId: "22222222-2222-4222-8222-222222222222", paymentId: "33333333-3333-4333-8333-333333333333" },
  },
  appUser: { id: "c2f6a8d4-3e1b-4f0a-9b7c-6d5e4f3a2b10", name: "Aino Laine", phone: "+358401234567" },
  grantedProducts: ["invoice", "subscriptions"],
};

function prefilled(operationId: string, context: PrefillContext = PREFILL): Record<string, string | boolean> {
  const operation = findSampleOperation(operationId);
  if (!operation) throw new Error(`no ${operationId}`);
  return Object.fromEntries(operation.fields.map((field) => [field.name, field.prefill(context)]));
}

function errorsOf(operationId: string, values: Record<string, string | boolean>, rules: RuleContext = SANDBOX_FI) {
  const parsed = findSampleOperation(operationId)!.schema(rules).safeParse(values);
  return parsed.success ? {} : zodFieldErrors(parsed.error);
}

describe("sample operations", () => {
  it("run exactly the forms the page offers, in the page's order", () => {
    expect(SAMPLE_OPERATIONS.map((operation) => operation.id)).toEqual(OPERATION_FORMS.map((form) => form.id));
  });

  it("have unique ids, and every prefilled form passes its own schema", () => {
    expect(new Set(SAMPLE_OPERATIONS.map((operation) => operation.id)).size).toBe(SAMPLE_OPERATIONS.length);
    for (const operation of SAMPLE_OPERATIONS) {
      expect({ id: operation.id, errors: errorsOf(operation.id, prefilled(operation.id)) }).toEqual({
        id: operation.id,
        errors: {},
      });
    }
  });

  it("apply the invoice amount limit of the merchant's country", () => {
    const values = { ...prefilled("invoice.create-direct"), totalAmount: "2000.01" };
    expect(errorsOf("invoice.create-direct", values).totalAmount).toEqual(["At most 2,000 EUR in FI"]);
    expect(errorsOf("invoice.create-direct", values, { ...SANDBOX_FI, country: "DK" })).toEqual({});
    expect(errorsOf("invoice.create-direct", { ...values, totalAmount: "0" }).totalAmount).toEqual([
      "The amount must be greater than 0",
    ]);
    expect(errorsOf("invoice.create-direct", { ...values, totalAmount: "12.345" }).totalAmount).toEqual([
      "Use at most two decimals",
    ]);
  });

  it("keep the DueDate between today and 399 days ahead, and the issue date not after today", () => {
    const values = prefilled("invoice.create-link");
    expect(errorsOf("invoice.create-link", { ...values, dueDate: TODAY })).toEqual({});
    expect(errorsOf("invoice.create-link", { ...values, dueDate: addDays(TODAY, 399) })).toEqual({});
    expect(errorsOf("invoice.create-link", { ...values, dueDate: addDays(TODAY, 400) }).dueDate).toBeDefined();
    expect(errorsOf("invoice.create-link", { ...values, dueDate: addDays(TODAY, -1) }).dueDate).toBeDefined();
    expect(errorsOf("invoice.create-link", { ...values, issueDate: addDays(TODAY, 1) }).issueDate).toEqual([
      "The issue date cannot be later than today",
    ]);
  });

  it("require a phone alias for InvoiceDirect only, and an invoice number or payment reference", () => {
    const direct = { ...prefilled("invoice.create-direct"), consumerPhone: "" };
    expect(errorsOf("invoice.create-direct", direct).consumerPhone).toBeDefined();
    expect(errorsOf("invoice.create-link", { ...prefilled("invoice.create-link"), consumerPhone: "" })).toEqual({});
    expect(
      errorsOf("invoice.create-link", { ...prefilled("invoice.create-link"), invoiceNumber: "" }).invoiceNumber,
    ).toEqual(["Give an invoice number or a payment reference"]);
  });

  it("refuse a consumer name that is not one line of well-formed text, and accept none at all", () => {
    const link = prefilled("invoice.create-link");
    expect(errorsOf("invoice.create-link", { ...link, consumerName: "Aino \u202Eenial" }).consumerName).toEqual([
      "Remove bidirectional text controls (overrides and isolates)",
    ]);
    expect(errorsOf("invoice.create-link", { ...link, consumerName: "Aino \uD800" }).consumerName).toHaveLength(1);
    expect(errorsOf("invoice.create-link", { ...link, consumerName: "" })).toEqual({});
    expect(ZRunSampleCallSchema.safeParse({ operation: "x", values: { note: "\uDC00" } }).success).toBe(false);
    expect(ZRunSampleCallSchema.safeParse({ operation: "x", values: { note: "Aino 😀" } }).success).toBe(true);
  });

  it("check agreement frequency, external id length, plan length and the one-off when asked for", () => {
    const values = prefilled("subscriptions.create-agreement");
    expect(errorsOf("subscriptions.create-agreement", { ...values, frequency: "3" }).frequency).toBeDefined();
    expect(
      errorsOf("subscriptions.create-agreement", { ...values, externalId: "x".repeat(65) }).externalId,
    ).toBeDefined();
    expect(errorsOf("subscriptions.create-agreement", { ...values, plan: "p".repeat(31) }).plan).toBeDefined();
    const oneOff = { ...values, withOneOff: true, oneOffDescription: "" };
    expect(errorsOf("subscriptions.create-agreement", oneOff).oneOffDescription).toBeDefined();
    const parsed = findSampleOperation("subscriptions.create-agreement")!
      .schema(SANDBOX_FI)
      .parse({ ...values, withOneOff: true });
    expect(parsed).toMatchObject({ draft: { currency: "EUR", countryCode: "FI", oneOff: { amount: 25 } } });
  });

  it("only send callbacks to the console's own https endpoint (http://localhost only in the built-in sandbox)", () => {
    const values = prefilled("subscriptions.create-agreement");
    expect(
      errorsOf("subscriptions.create-agreement", { ...values, successCallbackUrl: "https://elsewhere.example/cb" })
        .successCallbackUrl,
    ).toEqual(["Callbacks go to this console's own endpoint, so its credentials stay here"]);
    const realEnvironment = { ...SANDBOX_FI, allowLoopbackHttp: false };
    expect(errorsOf("subscriptions.create-agreement", values, realEnvironment).successCallbackUrl?.[0]).toMatch(
      /https/,
    );
    expect(
      errorsOf("subscriptions.create-agreement", { ...values, userRedirectUrl: "ftp://x" }).userRedirectUrl,
    ).toBeDefined();
  });

  it("keep payment due dates 1–126 days ahead and the amount under the country's limit", () => {
    const values = prefilled("subscriptions.create-payment-request");
    expect(errorsOf("subscriptions.create-payment-request", { ...values, dueDate: TODAY }).dueDate).toEqual([
      "The due date must be 1 to 126 days from today",
    ]);
    expect(errorsOf("subscriptions.create-payment-request", { ...values, dueDate: addDays(TODAY, 126) })).toEqual({});
    expect(errorsOf("subscriptions.create-payment-request", { ...values, amount: "2500" }).amount).toEqual([
      "At most 2,000 EUR in FI",
    ]);
    expect(
      errorsOf("subscriptions.create-payment-request", { ...values, gracePeriodDays: "4" }).gracePeriodDays,
    ).toBeDefined();
  });

  it("reject ids that are not GUIDs before anything is sent", () => {
    expect(errorsOf("invoice.get", { invoiceId: "../../other" }).invoiceId).toEqual(["Enter the invoice id (a GUID)"]);
  });
});
