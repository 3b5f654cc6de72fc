import "server-only";

import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import { fetchDiscovery } from "@/lib/mobilepay/oidc/discovery";
import { createRemoteKeyResolver, type KeyResolver } from "@/lib/mobilepay/oidc/key-resolver";

type ProviderMetadata = Awaited<ReturnType<typeof fetchDiscovery>>["metadata"];

type Cached = { metadata: ProviderMetadata; keys: KeyResolver; fetchedAt: number };

const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const cache = new Map<string, Cached>();

/**
 * The environment's discovered endpoints and signing keys, refreshed every
 * few minutes ("endpoints … should be fetched dynamically"). The issuer and
 * endpoint hosts are pinned by the environment's configuration.
 */
export async function getProviderMetadata(environment: MobilePayEnvironment): Promise<Cached> {
  const cached = cache.get(environment.id);
  if (cached && Date.now() - cached.fetchedAt < DISCOVERY_TTL_MS) return cached;
  const discovery = await fetchDiscovery({
    discoveryUrl: environment.discoveryUrl,
    expectedIssuer: environment.expectedIssuer,
    allowedEndpointHosts: environment.allowedHosts,
  });
  const blocking = discovery.findings.find((finding) => finding.level === "fail");
  if (blocking) {
    throw new Error(`${environment.label} discovery is not usable: ${blocking.message}`);
  }
  const entry: Cached = {
    metadata: discovery.metadata,
    keys: createRemoteKeyResolver({ jwksUri: discovery.metadata.jwks_uri }),
    fetchedAt: Date.now(),
  };
  cache.set(environment.id, entry);
  return entry;
}
