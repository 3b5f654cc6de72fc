import { applySecurityHeaders } from "@/lib/security/content-security-policy";

/**
 * The proxy (proxy.ts) does not run for /api/v1 paths without a `%`: it would build a script policy and
 * copy the request's headers for answers that are never pages, on the product's hottest path. What it
 * still owes an API answer is set here. An API answer is JSON, so its policy allows nothing at all.
 */
export function withApiResponseHeaders(response: Response): Response {
  applySecurityHeaders(response.headers);
  response.headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  return response;
}

/** Wraps an /api/v1 route function so every answer it gives carries the headers above. */
export function apiEndpoint<Incoming extends Request, Rest extends unknown[]>(
  handle: (request: Incoming, ...rest: Rest) => Response | Promise<Response>,
): (request: Incoming, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => withApiResponseHeaders(await handle(request, ...rest));
}
