import type { MobilePayApiError } from "@/lib/mobilepay/api/mobilepay-api-error";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One request/response pair as the request inspector shows it. Built only from
 * masked headers and bodies, so it may be stored and sent to the browser.
 */
export type ApiExchange = {
  method: HttpMethod;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  /** Null when no answer arrived (timeout, network failure). */
  status: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
  durationMs: number;
  correlationId: string;
};

/** The result of one API call: parsed data, or a typed error. Both carry the exchange for the inspector. */
export type ApiOutcome<T> =
  | { ok: true; status: number; data: T; exchange: ApiExchange }
  | { ok: false; status: number; error: MobilePayApiError; exchange: ApiExchange };
