import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import { getEnv } from "@/lib/env";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether a scrape may read the metrics: METRICS_BEARER_TOKEN must be configured and sent as a bearer
 * token. Compared as digests in constant time, so neither length nor content leaks through timing.
 */
export function metricsAccess(authorization: string | null): "allowed" | "refused" | "not-configured" {
  const expected = getEnv().METRICS_BEARER_TOKEN;
  if (!expected) return "not-configured";
  const given = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : "";
  return timingSafeEqual(digest(given), digest(expected)) ? "allowed" : "refused";
}
