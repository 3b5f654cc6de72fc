import type { ServerResponse } from "node:http";

import { sendJson } from "../../http/responses";

export type InvoiceErrorKind = "InputError" | "DomainError" | "ServerError";

const STATUS_BY_KIND: Record<InvoiceErrorKind, number> = { InputError: 400, DomainError: 409, ServerError: 500 };

export interface InvoiceError {
  kind: InvoiceErrorKind;
  code: string | null;
  description: string;
}

export function inputError(field: string, message = "Invalid input"): InvoiceError {
  return { kind: "InputError", code: null, description: `input.${field} : ${message}\r\n` };
}

export function domainError(code: string, description: string): InvoiceError {
  return { kind: "DomainError", code, description };
}

/** Invoice API error body: `{correlation_id, error, error_code, error_description, error_context}`. */
export function sendInvoiceError(res: ServerResponse, correlationId: string, error: InvoiceError): void {
  sendJson(res, STATUS_BY_KIND[error.kind], {
    correlation_id: correlationId,
    error: error.kind,
    error_code: error.code,
    error_description: error.description,
    error_context: "Invoices",
  });
}

/** Several input errors are reported together, one per line, as ASP.NET's model validation does. */
export function combineInputErrors(errors: InvoiceError[]): InvoiceError {
  return { kind: "InputError", code: null, description: errors.map((error) => error.description).join("") };
}
