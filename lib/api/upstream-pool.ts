import "server-only";

import { Pool, type Dispatcher } from "undici";

/** Reaching MobilePay's gateway takes far less; a host that does not accept by then is down. */
export const UPSTREAM_CONNECT_TIMEOUT_MS = 5_000;
/** An idle connection is kept this long for the next call (MobilePay's gateway may ask for less). */
const IDLE_KEEP_ALIVE_MS = 30_000;
/** Calls in flight to one API base at most; more wait in the pool's queue for a free connection. */
const CONNECTIONS_PER_BASE = 64;

export type UpstreamRequest = {
  /** Already resolved under the environment's pinned API base. */
  target: URL;
  method: Dispatcher.HttpMethod;
  /** Sent as given, and only on this call: a pooled connection carries no headers from one call to the next. */
  headers: Record<string, string>;
  /** Buffered, so that "401 → refresh → one retry" can send the same bytes again. */
  body: string | undefined;
  /** Aborts the call, the connection included, at whichever stage it is. */
  signal: AbortSignal;
  /** Backstop for headers and body alike; the caller's signal is the deadline for the whole call. */
  timeoutMs: number;
};

const pools = new Map<string, Pool>();

/**
 * One keep-alive pool per API base's origin, so a call after the first skips the TCP and TLS handshakes.
 * Only origins of the pinned API bases reach here, so the map stays as small as the environment list.
 */
function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, {
      connections: CONNECTIONS_PER_BASE,
      keepAliveTimeout: IDLE_KEEP_ALIVE_MS,
      // `localhost` may resolve to ::1 first where only 127.0.0.1 listens: try both families at once.
      connect: { timeout: UPSTREAM_CONNECT_TIMEOUT_MS, autoSelectFamily: true },
    });
    pools.set(origin, pool);
  }
  return pool;
}

/**
 * Sends one call to MobilePay over the API base's pool, outside Next's patched `fetch` (its caching and
 * tracking bookkeeping has nothing to do for a call that is never cached). Redirects are never followed:
 * a 3xx comes back to the backend as it is.
 */
export function sendUpstream(request: UpstreamRequest): Promise<Dispatcher.ResponseData> {
  const { target } = request;
  return poolFor(target.origin).request({
    path: `${target.pathname}${target.search}`,
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    headersTimeout: request.timeoutMs,
    bodyTimeout: request.timeoutMs,
  });
}

/** Closes every pooled connection; for tests and a stopping instance. */
export async function closeUpstreamPools(): Promise<void> {
  const closing = [...pools.values()].map((pool) => pool.close());
  pools.clear();
  await Promise.allSettled(closing);
}
