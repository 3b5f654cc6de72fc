import { apiRoute } from "@/lib/api/api-route";
import { proxyCall } from "@/lib/api/proxy-call";

type Params = { merchantId: string; product: string; path: string[] };

/** The path is judged as the client sent it, still encoded: the decoded params would hide `%2F` and friends. */
const RAW_PROXY_PATH = /^\/api\/v1\/merchants\/[^/]+\/proxy\/[^/]+\/(.*)$/;

const proxied = apiRoute<undefined, undefined, Params>({}, ({ principal, params, request }) =>
  proxyCall({
    principal,
    merchantId: params.merchantId,
    product: params.product,
    rawPath: RAW_PROXY_PATH.exec(request.nextUrl.pathname)?.[1] ?? "",
    request,
  }),
);

export const GET = proxied;
export const POST = proxied;
export const PUT = proxied;
export const PATCH = proxied;
export const DELETE = proxied;
