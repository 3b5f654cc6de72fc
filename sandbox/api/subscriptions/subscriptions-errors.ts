import type { ServerResponse } from "node:http";

import { sendEmpty, sendJson } from "../../http/responses";

const KINDS = {
  BadRequest: { status: 400, errorType: "InputError" },
  PreconditionFailed: { status: 412, errorType: "PreconditionError" },
  InternalServerError: { status: 500, errorType: "ServerError" },
} as const;

export type SubscriptionsErrorKind = keyof typeof KINDS;

export interface SubscriptionsError {
  kind: SubscriptionsErrorKind;
  message: string;
}

export function badRequest(message: string): SubscriptionsError {
  return { kind: "BadRequest", message };
}

export function preconditionFailed(message: string): SubscriptionsError {
  return { kind: "PreconditionFailed", message };
}

/** Subscriptions error body: `{error, error_description: {message, error_type, correlation_id}}`. */
export function sendSubscriptionsError(res: ServerResponse, correlationId: string, error: SubscriptionsError): void {
  const kind = KINDS[error.kind];
  sendJson(res, kind.status, {
    error: error.kind,
    error_description: { message: error.message, error_type: kind.errorType, correlation_id: correlationId },
  });
}

/** Refunds answer errors in their own shape (DOCS-2023 refund.md). */
export function sendRefundError(
  res: ServerResponse,
  correlationId: string,
  message: string,
  errorCode: string | null = null,
): void {
  sendJson(res, 400, {
    errorText: "Bad request",
    errorDetails: { message, errorType: "InputError", correlationId, errorCode },
  });
}

/** "404 comes with no body." */
export function sendNotFound(res: ServerResponse): void {
  sendEmpty(res, 404);
}
