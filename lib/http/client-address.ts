import { BlockList, isIP } from "node:net";

import { normalizeAddress, type TrustedProxy } from "@/lib/config/trusted-proxy";

function trustList(proxies: TrustedProxy[]): BlockList {
  const list = new BlockList();
  for (const proxy of proxies) list.addSubnet(proxy.network, proxy.prefix, proxy.family);
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const version = isIP(address);
  return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
}

/**
 * The address a sign-in is counted under. The connection's peer is the only address the console saw for
 * itself; `X-Forwarded-For` entries are believed only as far as they were added by configured proxies,
 * read from the nearest hop outwards: the first hop that is not a trusted proxy is the client. With no
 * trusted proxies (the default) the header is ignored and the peer is the client.
 */
export function resolveClientAddress(options: {
  peer: string | null;
  forwardedFor: string | null | undefined;
  trustedProxies: TrustedProxy[];
}): string {
  if (!options.peer) return "unknown";
  let client = normalizeAddress(options.peer);
  if (options.trustedProxies.length === 0) return client;
  const list = trustList(options.trustedProxies);
  const hops = (options.forwardedFor ?? "")
    .split(",")
    .map((hop) => normalizeAddress(hop))
    .filter(Boolean);
  while (isTrusted(list, client)) {
    const next = hops.pop();
    // A malformed hop was not written by a proxy we trust: stop at the last address that was.
    if (!next || isIP(next) === 0) break;
    client = next;
  }
  return client;
}
