import "server-only";

import { randomUUID } from "node:crypto";

import type { NextRequest } from "next/server";

import { apiActor } from "@/lib/api/api-actor";
import { ApiProblem } from "@/lib/api/api-problem";
import { requireScope } from "@/lib/api/api-route";
import { recordProxyCall, type ProxyCallRecord } from "@/lib/api/record-proxy-call";
import { getLinkedApiMerchantWithTokens } from "@/lib/api/list-api-merchants";
import { forwardedRequestHeaders, returnedResponseHeaders } from "@/lib/api/proxy-headers";
import { checkProxyQuery, normaliseProxyPath } from "@/lib/api/proxy-path";
import { relayUpstreamBody } from "@/lib/api/relay-upstream-body";
import { sendUpstream } from "@/lib/api/upstream-pool";
import type { ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { resolveApiUrl } from "@/lib/mobilepay/api/api-url";
import { gatewayCredentialsFor } from "@/lib/mobilepay/api/gateway-credentials";
import { MASK, maskHeaders } from "@/lib/mobilepay/api/mask-headers";
import type { Product } from "@/lib/mobilepay/environment-config";
import { requireEnvironment } from "@/lib/mobilepay/environments";
import { getAccessToken } from "@/lib/tokens/get-access-token";

/** Request bodies MobilePay's Invoice and Subscriptions APIs accept are far smaller than this. */
export const MAX_PROXY_REQUEST_BYTES = 1_000_000;
/** An answer larger than this is cut off: no MobilePay answer comes near it. */
export const MAX_PROXY_RESPONSE_BYTES = 10_000_000;
/** One deadline for each attempt, the answer's body included. */
export const PROXY_TIMEOUT_MS = 30_000;
/** What the request history keeps of each body. */
const MAX_STORED_BODY = 100_000;

const PRODUCTS: readonly Product[] = ["invoice", "subscriptions"];
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type HistoryMethod = ProxyCallRecord["method"];

export type ProxyCallOptions = {
  principal: ApiPrincipal;
  merchantId: string;
  product: string;
  /** The part of the raw request path after `/proxy/{product}/`, still percent-encoded. */
  rawPath: string;
  request: NextRequest;
};

function pathRefused(check: { check: string; detail: string }): ApiProblem {
  return new ApiProblem("path-refused", `${check.detail} (check: ${check.check}); nothing was sent to MobilePay.`);
}

async function readRequestBody(request: NextRequest): Promise<string | undefined> {
  if (!METHODS_WITH_BODY.has(request.method)) return undefined;
  const declared = Number(request.headers.get("content-length"));
  const tooLarge = () =>
    new ApiProblem("body-too-large", `Send at most ${MAX_PROXY_REQUEST_BYTES} bytes; nothing was sent to MobilePay.`);
  if (Number.isFinite(declared) && declared > MAX_PROXY_REQUEST_BYTES) throw tooLarge();
  const read = await readLimitedBody(request.body, MAX_PROXY_REQUEST_BYTES);
  if (read.tooLarge) throw tooLarge();
  return read.text === "" && request.method === "DELETE" ? undefined : read.text;
}

function capped(text: string): string {
  return text.length > MAX_STORED_BODY ? `${text.slice(0, MAX_STORED_BODY)}…` : text;
}

/**
 * Calls MobilePay for a backend with the merchant's token: the backend's method, query, body and
 * content type kept, a CorrelationId added when absent, "401 → refresh → one retry", and MobilePay's
 * status, body and safe headers returned as they came, the body streamed. Every refusal (scope, path,
 * size, link state) happens before anything is sent. Each call lands in the merchant's request history
 * with the Authorization header masked, like the console's sample calls.
 */
export async function proxyCall({
  principal,
  merchantId,
  product,
  rawPath,
  request,
}: ProxyCallOptions): Promise<Response> {
  if (!PRODUCTS.includes(product as Product)) {
    throw new ApiProblem("not-found", "The proxy serves the invoice and subscriptions APIs.");
  }
  requireScope(principal, `proxy:${product as Product}`);
  const path = normaliseProxyPath(rawPath);
  if (!path.ok) throw pathRefused(path);
  const query = checkProxyQuery(request.nextUrl.search);
  if (!query.ok) throw pathRefused(query);
  const method = request.method.toUpperCase() as HistoryMethod;

  const { merchant, tokenSet } = await getLinkedApiMerchantWithTokens(principal, merchantId);
  if (!merchant.scopes.includes(product)) {
    throw new ApiProblem("product-not-granted", `The merchant's consent does not cover ${product}: relink with it.`);
  }
  const environment = requireEnvironment(merchant.environment);
  let target: URL;
  try {
    target = resolveApiUrl(environment.apiBase[product as Product], path.path, environment.allowedHosts);
  } catch (error) {
    if (error instanceof AppError) throw pathRefused({ check: "outside-api-base", detail: error.userMessage });
    throw error;
  }
  target.search = query.search;
  const body = await readRequestBody(request);

  const headers: Record<string, string> = forwardedRequestHeaders(request.headers);
  headers.correlationid ??= randomUUID();
  const gateway = gatewayCredentialsFor(environment.id);
  if (gateway) {
    headers["x-ibm-client-id"] = gateway.clientId;
    headers["x-ibm-client-secret"] = gateway.clientSecret;
  }
  const actor = apiActor(principal);
  const startedAt = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROXY_TIMEOUT_MS);
  const send = (accessToken: string) =>
    sendUpstream({
      target,
      method,
      headers: { ...headers, authorization: `Bearer ${accessToken}` },
      body,
      signal: controller.signal,
      timeoutMs: PROXY_TIMEOUT_MS,
    });

  const history = {
    merchantId,
    environment: environment.id,
    product,
    operation: `proxy.${product}`,
    method,
    url: `${target.origin}${target.pathname}${target.search}`,
    // The token is fetched per attempt; the history shows that one was sent, never which.
    requestHeaders: JSON.stringify({ ...maskHeaders(headers), authorization: `Bearer ${MASK}` }),
    requestBody: body === undefined ? null : capped(body),
    correlationId: headers.correlationid,
    staffId: `api-key:${principal.keyId}`,
    staffLabel: `API key "${principal.name}"`,
  };

  let refreshed = false;
  let upstream: Awaited<ReturnType<typeof sendUpstream>>;
  try {
    const first = await getAccessToken(merchantId, { actor, trigger: "on-demand", current: tokenSet });
    refreshed = first.refreshed;
    upstream = await send(first.accessToken);
    if (upstream.statusCode === 401) {
      // The request body is held as text, so the retry sends the same bytes again.
      await upstream.body.dump().catch(() => undefined);
      const second = await getAccessToken(merchantId, { actor, trigger: "unauthorized", staleVersion: first.version });
      refreshed = true;
      upstream = await send(second.accessToken);
    }
  } catch (error) {
    clearTimeout(timer);
    if (error instanceof AppError || error instanceof ApiProblem) throw error;
    const timedOut = controller.signal.aborted || isUpstreamTimeout(error);
    recordProxyCall({
      ...history,
      responseStatus: null,
      responseBody: null,
      durationMs: Math.round(performance.now() - startedAt),
      refreshed,
      outcome: "network-error",
      errorCode: timedOut ? "timeout" : "network",
      createdAt: new Date(),
    });
    throw timedOut
      ? new ApiProblem("upstream-timeout", `MobilePay did not answer within ${PROXY_TIMEOUT_MS / 1000} s.`, {
          retryAfterSeconds: 5,
        })
      : new ApiProblem("upstream-unreachable", "MobilePay could not be reached; nothing was answered.");
  }

  const status = upstream.statusCode;
  const outcome = status >= 200 && status < 300 ? "success" : status === 401 ? "unauthorized" : "api-error";
  const responseHeaders = returnedResponseHeaders(upstream.headers);
  responseHeaders.set("correlationid", headers.correlationid);
  const finish = (responseBody: string | null, errorCode: string | null) => {
    clearTimeout(timer);
    recordProxyCall({
      ...history,
      responseStatus: status,
      responseBody,
      durationMs: Math.round(performance.now() - startedAt),
      refreshed,
      outcome,
      errorCode,
      createdAt: new Date(),
    });
  };
  if (status === 204 || status === 304) {
    await upstream.body.dump().catch(() => undefined);
    finish(null, null);
    return new Response(null, { status, headers: responseHeaders });
  }
  const relayed = relayUpstreamBody(upstream.body, {
    maxBytes: MAX_PROXY_RESPONSE_BYTES,
    keepChars: MAX_STORED_BODY + 1,
    failureCode: (error) => (controller.signal.aborted || isUpstreamTimeout(error) ? "timeout" : "network"),
    onEnd: ({ keptText, errorCode }) => finish(keptText === null ? null : capped(keptText), errorCode),
  });
  return new Response(relayed, { status, headers: responseHeaders });
}

/** undici's own deadlines for the answer's headers and body, set to the proxy's, may fire first. */
function isUpstreamTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
}
