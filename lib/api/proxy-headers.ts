/**
 * Request headers a backend may pass on to MobilePay. Everything else stays behind: its own credentials
 * (the console sets Authorization), cookies, hop-by-hop and forwarding headers, and anything MobilePay
 * does not read.
 */
const FORWARDED_REQUEST_HEADERS = [
  "accept",
  "accept-language",
  "content-type",
  "correlationid",
  "authenticateduser",
  "idempotency-key",
  "if-match",
  "if-none-match",
] as const;

/**
 * Response headers a backend gets back unchanged. Hop-by-hop headers, Set-Cookie and the rest of
 * MobilePay's gateway headers are not passed on; content-length is set anew by the streamed answer.
 */
const RETURNED_RESPONSE_HEADERS = [
  "content-type",
  "correlationid",
  "location",
  "etag",
  "last-modified",
  "retry-after",
  "date",
  "cache-control",
] as const;

export function forwardedRequestHeaders(incoming: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.get(name);
    if (value !== null && value.length <= 1_024) kept[name] = value;
  }
  return kept;
}

/** MobilePay's answer headers as the HTTP client hands them over: lower-case names, repeated ones as lists. */
export type UpstreamHeaders = Record<string, string | string[] | undefined>;

export function returnedResponseHeaders(upstream: UpstreamHeaders): Headers {
  const kept = new Headers();
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = upstream[name];
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) kept.append(name, one);
  }
  return kept;
}
