import "server-only";

import { randomUUID } from "node:crypto";

import type { z } from "zod";

import type { MobilePayConnection } from "@/lib/mobilepay/api/api-connection";
import type { ApiExchange, ApiOutcome, HttpMethod } from "@/lib/mobilepay/api/api-exchange";
import { resolveApiUrl } from "@/lib/mobilepay/api/api-url";
import { maskHeaders, maskJsonFields } from "@/lib/mobilepay/api/mask-headers";
import { MobilePayApiError, parseApiErrorBody } from "@/lib/mobilepay/api/mobilepay-api-error";
import { boundedRequest, BoundedRequestError } from "@/lib/mobilepay/oidc/bounded-request";

export const API_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 1_000_000;

export type ApiCall<T> = {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Extra headers, e.g. `AuthenticatedUser` on user-simulation endpoints. */
  headers?: Record<string, string>;
  /** Request body fields replaced by a mask in the recorded exchange (e.g. a callback password). */
  secretBodyFields?: readonly string[];
  /** Reads a 2xx body (already JSON-parsed; undefined when empty) into the app type. */
  response: z.ZodType<T>;
};

function headersOf(response: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["content-type", "date", "location"]) {
    const value = response.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Sends one call to a MobilePay API: bearer token, a fresh CorrelationId,
 * the legacy gateway pair when configured, a 15 s deadline. Never throws for
 * an HTTP or network failure: those come back as a typed MobilePayApiError so
 * a 401 can be told apart and retried by the token service.
 */
export async function sendApiRequest<T>(connection: MobilePayConnection, call: ApiCall<T>): Promise<ApiOutcome<T>> {
  const url = resolveApiUrl(connection.baseUrl, call.path, connection.allowedHosts, call.query);
  const correlationId = randomUUID();
  const headers: Record<string, string> = {
    Accept: "application/json",
    Authorization: `Bearer ${connection.accessToken}`,
    CorrelationId: correlationId,
    ...call.headers,
  };
  if (call.body !== undefined) headers["Content-Type"] = "application/json";
  if (connection.gatewayCredentials) {
    headers["x-ibm-client-id"] = connection.gatewayCredentials.clientId;
    headers["x-ibm-client-secret"] = connection.gatewayCredentials.clientSecret;
  }
  const bodyText = call.body === undefined ? undefined : JSON.stringify(call.body);
  const exchange: ApiExchange = {
    method: call.method,
    url: url.href,
    requestHeaders: maskHeaders(headers),
    requestBody:
      call.body === undefined ? null : JSON.stringify(maskJsonFields(call.body, call.secretBodyFields ?? []), null, 2),
    status: null,
    responseHeaders: {},
    responseBody: null,
    durationMs: 0,
    correlationId,
  };

  const startedAt = performance.now();
  let response;
  try {
    response = await boundedRequest({
      url: url.href,
      init: { method: call.method, headers, body: bodyText, redirect: "manual", cache: "no-store" },
      fetch: connection.fetch,
      timeoutMs: connection.timeoutMs ?? API_TIMEOUT_MS,
      maxBodyBytes: MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    exchange.durationMs = Math.round(performance.now() - startedAt);
    const timedOut = error instanceof BoundedRequestError && error.kind === "timeout";
    const failure = new MobilePayApiError({
      kind: timedOut ? "timeout" : "network",
      status: 0,
      message: error instanceof Error ? error.message : "The request failed.",
      correlationId,
    });
    return { ok: false, status: 0, error: failure, exchange };
  }

  exchange.status = response.status;
  exchange.responseHeaders = headersOf(response.headers);
  exchange.responseBody = response.bodyText === "" ? null : response.bodyText;
  exchange.durationMs = response.durationMs;

  if (response.status < 200 || response.status >= 300) {
    return {
      ok: false,
      status: response.status,
      error: parseApiErrorBody(response.status, response.bodyText, correlationId),
      exchange,
    };
  }
  const json = parseJson(response.bodyText);
  const parsed = json.ok ? call.response.safeParse(json.value) : undefined;
  if (!parsed?.success) {
    const failure = new MobilePayApiError({
      kind: "unexpected-response",
      status: response.status,
      message: `MobilePay answered ${response.status} with a body the console does not understand.`,
      correlationId,
    });
    return { ok: false, status: response.status, error: failure, exchange };
  }
  return { ok: true, status: response.status, data: parsed.data, exchange };
}
