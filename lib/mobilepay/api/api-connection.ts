import "server-only";

import type { FetchLike } from "@/lib/mobilepay/oidc/bounded-request";
import type { GatewayCredentials } from "@/lib/mobilepay/api/gateway-credentials";

/** Everything a client needs to call one MobilePay API for one merchant. */
export type MobilePayConnection = {
  /** The environment's configured API base (e.g. `…/invoice-restapi`); every URL is built under it. */
  baseUrl: string;
  /** Hosts the environment pins; a URL on any other host is refused before the token leaves. */
  allowedHosts: readonly string[];
  accessToken: string;
  gatewayCredentials?: GatewayCredentials;
  fetch?: FetchLike;
  timeoutMs?: number;
};
