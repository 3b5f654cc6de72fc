import "server-only";

import { offsetFromDateHeader } from "@/lib/inspection/clock-skew";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { parseDateHeader, type FetchLike } from "@/lib/mobilepay/oidc/bounded-request";
import { DiscoveryError, fetchDiscovery, type DiscoveryResult } from "@/lib/mobilepay/oidc/discovery";

export type DiscoveryProbe = {
  /** Absent when discovery could not be fetched or parsed; `error` says why. */
  discovery?: DiscoveryResult;
  error?: { kind: string; message: string };
  /** MobilePay's clock minus ours, from the discovery response's Date header; null without one. */
  clockOffsetSeconds: number | null;
  durationMs: number;
};

/**
 * Fetches the environment's discovery document once, uncached, and reads the OP's clock from the same answer:
 * the Date header is the only clock reading MobilePay offers outside its tokens.
 */
export async function probeDiscovery(
  environment: Pick<MobilePayEnvironment, "discoveryUrl" | "expectedIssuer" | "allowedHosts">,
  options: { fetch?: FetchLike; timeoutMs?: number } = {},
): Promise<DiscoveryProbe> {
  const baseFetch = options.fetch ?? globalThis.fetch;
  let clockOffsetSeconds: number | null = null;
  const startedAt = Date.now();
  const timedFetch: FetchLike = async (input, init) => {
    const sentAt = Date.now();
    const response = await baseFetch(input, init);
    const dateHeader = parseDateHeader(response.headers);
    if (dateHeader) clockOffsetSeconds = offsetFromDateHeader(dateHeader, sentAt, Date.now());
    return response;
  };
  try {
    const discovery = await fetchDiscovery({
      discoveryUrl: environment.discoveryUrl,
      expectedIssuer: environment.expectedIssuer,
      allowedEndpointHosts: environment.allowedHosts,
      fetch: timedFetch,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    return { discovery, clockOffsetSeconds, durationMs: Date.now() - startedAt };
  } catch (error) {
    return {
      error:
        error instanceof DiscoveryError
          ? { kind: error.kind, message: error.message }
          : { kind: "unreachable", message: "Discovery failed for an unexpected reason" },
      clockOffsetSeconds,
      durationMs: Date.now() - startedAt,
    };
  }
}
