import "server-only";

import { getEnv } from "@/lib/env";
import { resolveClientAddress } from "@/lib/http/client-address";
import { stampedPeerAddress } from "@/lib/http/peer-address";

/**
 * The address a request came from, by the same rule as sign-in: the connection's peer, and `X-Forwarded-For`
 * only as far as configured proxies (TRUSTED_PROXIES) wrote it. A header a sender writes itself therefore
 * cannot give it a fresh allowance per request.
 */
export function senderAddress(headers: Headers | Record<string, unknown> | undefined): string {
  const plain = headers instanceof Headers ? Object.fromEntries(headers) : (headers ?? {});
  const forwardedFor = plain["x-forwarded-for"];
  return resolveClientAddress({
    peer: stampedPeerAddress(plain),
    forwardedFor: typeof forwardedFor === "string" ? forwardedFor : null,
    trustedProxies: getEnv().TRUSTED_PROXIES,
  });
}
