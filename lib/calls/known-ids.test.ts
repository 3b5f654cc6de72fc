import { describe, expect, it } from "vitest";

import { callHighlights } from "@/lib/calls/call-highlights";
import { knownIdsFrom } from "@/lib/calls/known-ids";
import type { SampleCallView } from "@/lib/calls/sample-call-view";

function call(operation: string, responseBody: unknown, overrides: Partial<SampleCallView> = {}): SampleCallView {
  return {
    id: operation,
    operation,
    operationLabel: operation,
    product: operation.split(".")[0] ?? "",
    method: "POST",
    url: "https://api.example/x",
    requestHeaders: {},
    requestBody: null,
    responseStatus: 200,
    responseBody: JSON.stringify(responseBody),
    durationMs: 1,
    correlationId: null,
    refreshed: false,
    outcome: "success",
    errorCode: null,
    errorMessage: null,
    staffLabel: "s",
    createdAt: "2030-01-01T00:00:00Z",
    curl: "",
    highlights: [],
    ...overrides,
  };
}

describe("ids learnt from earlier calls", () => {
  it("take the newest successful answer of each kind", () => {
    const known = knownIdsFrom([
      call(
        "subscriptions.create-one-off",
        { id: "one-off-2" },
        { url: "https://h/api/providers/p/agreements/a-2/oneoffpayments" },
      ),
      call("subscriptions.create-agreement", { id: "a-1", one_off_payment_id: "one-off-1" }),
      call("invoice.create-link", { InvoiceId: "inv-2" }),
      call("invoice.create-direct", { InvoiceId: "inv-1" }),
      call("invoice.create-direct", { correlation_id: "c" }, { outcome: "api-error" }),
      call("invoice.list-issuers", { InvoiceIssuers: [{ Id: "issuer-1" }] }),
      call("subscriptions.merchant-info", { Id: "m", SubscriptionProviders: [{ SubscriptionProviderId: "p-1" }] }),
      call("subscriptions.create-payment-request", { pending_payments: [{ payment_id: "pay-1" }] }),
    ]);
    expect(known).toEqual({
      oneOff: { agreementId: "a-2", paymentId: "one-off-2" },
      agreementId: "a-1",
      invoiceId: "inv-2",
      invoiceIssuerId: "issuer-1",
      providerId: "p-1",
      paymentId: "pay-1",
    });
  });

  it("highlight the user-redirect link of an InvoiceLink answer", () => {
    expect(
      callHighlights(JSON.stringify({ InvoiceId: "i", Links: [{ Rel: "user-redirect", Href: "https://l" }] })),
    ).toEqual([
      { label: "Invoice id", value: "i" },
      { label: "User-redirect link", value: "https://l", href: true },
    ]);
  });
});
