/**
 * What went wrong on a MobilePay API call, whichever of the documented error
 * bodies (Invoice, Subscriptions, Subscriptions refunds) or none came back.
 */
export type MobilePayApiErrorKind =
  "unauthorized" | "forbidden" | "not-found" | "rejected" | "server" | "timeout" | "network" | "unexpected-response";

/** Which documented body shape the error came in; "empty" for MobilePay's bodiless 401/403/404. */
export type MobilePayErrorShape = "invoice" | "subscriptions" | "refund" | "empty" | "unrecognized" | "none";

export class MobilePayApiError extends Error {
  readonly kind: MobilePayApiErrorKind;
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** MobilePay's business code (e.g. Invoice 10201), when the body carries one. */
  readonly code: string | null;
  /** MobilePay's classification: InputError, DomainError, PreconditionError, ServerError… */
  readonly errorType: string | null;
  readonly correlationId: string | null;
  readonly shape: MobilePayErrorShape;

  constructor(options: {
    kind: MobilePayApiErrorKind;
    status: number;
    message: string;
    code?: string | null;
    errorType?: string | null;
    correlationId?: string | null;
    shape?: MobilePayErrorShape;
  }) {
    super(options.message);
    this.name = "MobilePayApiError";
    this.kind = options.kind;
    this.status = options.status;
    this.code = options.code ?? null;
    this.errorType = options.errorType ?? null;
    this.correlationId = options.correlationId ?? null;
    this.shape = options.shape ?? "none";
  }

  /** A plain object for storage and the browser. */
  toJSON() {
    return {
      kind: this.kind,
      status: this.status,
      code: this.code,
      errorType: this.errorType,
      message: this.message,
      correlationId: this.correlationId,
      shape: this.shape,
    };
  }
}

function kindForStatus(status: number): MobilePayApiErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status >= 500) return "server";
  return "rejected";
}

const GENERIC_MESSAGES: Record<number, string> = {
  401: "MobilePay did not accept the access token (401).",
  403: "MobilePay refused access to this resource (403).",
  404: "MobilePay does not know this resource (404).",
};

function text(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (typeof value === "number") return String(value);
  return null;
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * Reads an error answer into one MobilePayApiError. The three documented shapes:
 * Invoice `{correlation_id, error, error_code, error_description, error_context}`,
 * Subscriptions `{error, error_description: {message, error_type, correlation_id}}`,
 * refunds `{errorText, errorDetails: {message, errorType, correlationId, errorCode}}`.
 */
export function parseApiErrorBody(status: number, bodyText: string, sentCorrelationId: string): MobilePayApiError {
  const kind = kindForStatus(status);
  const fallbackMessage = GENERIC_MESSAGES[status] ?? `MobilePay answered ${status}.`;
  if (bodyText.trim() === "") {
    return new MobilePayApiError({
      kind,
      status,
      message: fallbackMessage,
      correlationId: sentCorrelationId,
      shape: "empty",
    });
  }
  let body: Record<string, unknown> | null = null;
  try {
    body = record(JSON.parse(bodyText));
  } catch {
    body = null;
  }
  if (body) {
    const details = record(body.error_description);
    if (details) {
      return new MobilePayApiError({
        kind,
        status,
        message: text(details.message) ?? fallbackMessage,
        code: text(details.error_code) ?? text(body.error),
        errorType: text(details.error_type),
        correlationId: text(details.correlation_id) ?? sentCorrelationId,
        shape: "subscriptions",
      });
    }
    const refundDetails = record(body.errorDetails);
    if (refundDetails) {
      return new MobilePayApiError({
        kind,
        status,
        message: text(refundDetails.message) ?? text(body.errorText) ?? fallbackMessage,
        code: text(refundDetails.errorCode),
        errorType: text(refundDetails.errorType),
        correlationId: text(refundDetails.correlationId) ?? sentCorrelationId,
        shape: "refund",
      });
    }
    if ("error_description" in body || "correlation_id" in body) {
      return new MobilePayApiError({
        kind,
        status,
        message: text(body.error_description) ?? fallbackMessage,
        code: text(body.error_code),
        errorType: text(body.error),
        correlationId: text(body.correlation_id) ?? sentCorrelationId,
        shape: "invoice",
      });
    }
  }
  // e.g. the Invoice user simulation's `{invoiceId, invoicePaymentStatus, errorText}`.
  return new MobilePayApiError({
    kind,
    status,
    message: text(body?.errorText) ?? text(body?.message) ?? fallbackMessage,
    correlationId: sentCorrelationId,
    shape: "unrecognized",
  });
}
