import "server-only";

import { apiRoute } from "@/lib/api/api-route";
import { proxyCall } from "@/lib/api/proxy-call";

export type ProxyRouteParams = { merchantId: string; product: string; path: string[] };

/** The path is judged as the client sent it, still encoded: the decoded params would hide `%2F` and friends. */
const RAW_PROXY_PATH = /^\/api\/v1\/merchants\/[^/]+\/proxy\/[^/]+\/(.*)$/;

/**
 * `ANY /api/v1/merchants/{id}/proxy/{product}/{path…}`: one handler, served by Next's route and, in a
 * production server, straight from the HTTP server (`serveProxyDirectly`).
 */
export const proxyRoute = apiRoute<undefined, undefined, ProxyRouteParams>({}, ({ principal, params, request }) =>
  proxyCall({
    principal,
    merchantId: params.merchantId,
    product: params.product,
    rawPath: RAW_PROXY_PATH.exec(request.nextUrl.pathname)?.[1] ?? "",
    request,
  }),
);
