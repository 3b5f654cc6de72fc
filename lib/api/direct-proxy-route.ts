import "server-only";

import { proxyRoute, type ProxyRouteParams } from "@/lib/api/proxy-route";
import { serveDirectly, type DirectRoute } from "@/lib/http/direct-route";

const PROXY_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/**
 * A path in the plainest form: segments of unreserved and sub-delimiter characters only. Such a path is
 * the same before and after URL parsing, so the route sees it exactly as through Next. A `%` (which Next's
 * proxy checks for undecodable text), dot segments, empty segments, a trailing slash (which Next
 * redirects) and anything else unusual go on to Next's route, which refuses what it must.
 */
const PLAIN_PROXY_PATH =
  /^\/api\/v1\/merchants\/([\w\-~!$&'()*+,;=:@]+)\/proxy\/(invoice|subscriptions)\/((?:[\w\-.~!$&'()*+,;=:@]+\/)*[\w\-.~!$&'()*+,;=:@]+)$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/** The proxy route's params for a request it can serve before Next, or null to leave it to Next. */
export function matchDirectProxyRequest(method: string, url: string): ProxyRouteParams | null {
  if (!PROXY_METHODS.has(method)) return null;
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const match = PLAIN_PROXY_PATH.exec(path);
  if (!match || DOT_SEGMENT.test(match[3]!)) return null;
  return { merchantId: match[1]!, product: match[2]!, path: match[3]!.split("/") };
}

const directProxyRoute: DirectRoute<ProxyRouteParams> = {
  name: "integrator API proxy",
  match: matchDirectProxyRequest,
  handle: proxyRoute,
};

/**
 * The proxy is the integrator API's call on the merchant's behalf and sits on the path of every one, so a
 * production server serves it before Next: Next's request handling and its separate write of the headers
 * were most of what a proxied call cost beyond the hop itself (bench/README.md, integrator API).
 */
export function serveProxyDirectly(): void {
  serveDirectly(directProxyRoute);
}
