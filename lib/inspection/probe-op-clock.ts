import "server-only";

import { probeDiscovery, type DiscoveryProbe } from "@/lib/inspection/probe-discovery";
import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";

const TTL_MS = 30_000;
const readings = new Map<string, { at: number; probe: Promise<DiscoveryProbe> }>();

/**
 * MobilePay's clock as the merchant page shows it: one reading per environment
 * every 30 seconds, so viewing merchants never turns into traffic to the OP.
 * (The Diagnostics page probes afresh each time it runs.)
 */
export function probeOpClock(environment: MobilePayEnvironment): Promise<DiscoveryProbe> {
  const cached = readings.get(environment.id);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.probe;
  const probe = probeDiscovery(environment, { timeoutMs: 3_000 });
  readings.set(environment.id, { at: Date.now(), probe });
  return probe;
}
