import { describe, expect, it } from "vitest";

import { parseApiErrorBody } from "@/lib/mobilepay/api/mobilepay-api-error";

const SENT = "11111111-2222-4333-8444-555555555555";

describe("parseApiErrorBody", () => {
  it("reads the Invoice shape, keeping MobilePay's correlation id and code", () => {
    const body = JSON.stringify({
      correlation_id: "8c153279-0000-4000-8000-000000000000",
      error: "DomainError",
      error_code: "10504",
      error_description: "Invoice has already been paid",
      error_context: "Invoices",
    });
    expect(parseApiErrorBody(409, body, SENT).toJSON()).toEqual({
      kind: "rejected",
      status: 409,
      code: "10504",
      errorType: "DomainError",
      message: "Invoice has already been paid",
      correlationId: "8c153279-0000-4000-8000-000000000000",
      shape: "invoice",
    });
  });

  it("reads the Subscriptions shape, preferring error_code over the error name when present", () => {
    const body = JSON.stringify({
      error: "PreconditionFailed",
      error_description: {
        message: "Duplicate payment.",
        error_type: "PreconditionError",
        correlation_id: "c-1",
        error_code: "50004",
      },
    });
    expect(parseApiErrorBody(412, body, SENT)).toMatchObject({
      code: "50004",
      message: "Duplicate payment.",
      correlationId: "c-1",
    });
  });

  it("reads the refund shape", () => {
    const body = JSON.stringify({
      errorText: "Bad request",
      errorDetails: { message: "amount too high", errorType: "InputError", correlationId: "c-2", errorCode: "60002" },
    });
    expect(parseApiErrorBody(400, body, SENT)).toMatchObject({ shape: "refund", code: "60002", correlationId: "c-2" });
  });

  it("says what a bodiless 401/403/404 means and falls back to the correlation id it sent", () => {
    expect(parseApiErrorBody(401, "", SENT)).toMatchObject({
      kind: "unauthorized",
      shape: "empty",
      correlationId: SENT,
    });
    expect(parseApiErrorBody(403, "", SENT).kind).toBe("forbidden");
    expect(parseApiErrorBody(404, " ", SENT).kind).toBe("not-found");
  });

  it("survives gateway bodies and HTML it does not know", () => {
    const gateway = JSON.stringify({ httpCode: "401", httpMessage: "Unauthorized", moreInformation: "x" });
    expect(parseApiErrorBody(401, gateway, SENT)).toMatchObject({ kind: "unauthorized", shape: "unrecognized" });
    expect(parseApiErrorBody(502, "<html>bad gateway</html>", SENT)).toMatchObject({
      kind: "server",
      shape: "unrecognized",
    });
  });
});
