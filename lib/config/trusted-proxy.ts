import { isIP } from "node:net";

/** One entry of TRUSTED_PROXIES: an address, or a network in CIDR notation. */
export type TrustedProxy = { network: string; prefix: number; family: "ipv4" | "ipv6" };

/** `::ffff:192.0.2.1` is how a dual-stack socket shows an IPv4 client: compare it as the IPv4 address. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed.toLowerCase();
}

/** Parses `203.0.113.7` or `10.0.0.0/8` (IPv4 or IPv6); null when it is neither. */
export function parseTrustedProxy(entry: string): TrustedProxy | null {
  const [rawAddress = "", rawPrefix, ...rest] = entry.trim().split("/");
  if (rest.length > 0) return null;
  const network = normalizeAddress(rawAddress);
  const version = isIP(network);
  if (version === 0) return null;
  const maxPrefix = version === 4 ? 32 : 128;
  const prefix = rawPrefix === undefined ? maxPrefix : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) return null;
  return { network, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}
