import ipaddr from "ipaddr.js";

/** What a webhook URL may point at. Production: public https only; development and tests may add loopback. */
export type AddressPolicy = {
  /** http:// and loopback addresses (127.0.0.0/8, ::1) are allowed, for local receivers. */
  allowLoopback: boolean;
};

/** Metadata services of cloud providers, refused by name so the reason is plain. */
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

/** ipaddr.js range names, in words staff can act on. Any range but "unicast" (public) is refused. */
const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  uniqueLocal: "a private (unique local) IPv6 address",
  unspecified: "the unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

/**
 * Why an address may not receive webhooks, or undefined when it may. IPv4-mapped IPv6 addresses
 * (::ffff:10.0.0.1) are judged as the IPv4 address they carry.
 */
export function refusedAddress(address: string, policy: AddressPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  const parsed = ipaddr.process(address);
  const normalized = parsed.toString();
  if (METADATA_ADDRESSES.has(normalized)) return `${normalized} is a cloud metadata address`;
  const range = parsed.range();
  if (range === "unicast") return undefined;
  if (range === "loopback" && policy.allowLoopback) return undefined;
  return `${normalized} is ${RANGE_WORDS[range] ?? `not a public address (${range})`}`;
}

/** The host of a URL as an IP address when it is one (brackets of IPv6 literals removed). */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : undefined;
}

/**
 * The checks a URL can pass before any lookup: https (http only for loopback receivers when allowed), no
 * credentials, and an IP-literal host must itself be allowed. Names are checked again at every delivery,
 * on the address actually connected to.
 */
export function refusedUrl(text: string, policy: AddressPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not a valid URL";
  }
  if (url.username || url.password) return "the URL must not carry a user name or password";
  const literal = literalAddress(url.hostname);
  const loopbackHost =
    url.hostname === "localhost" || (literal !== undefined && ipaddr.process(literal).range() === "loopback");
  if (url.protocol === "http:") {
    if (!(policy.allowLoopback && loopbackHost)) return "only https:// URLs are allowed";
  } else if (url.protocol !== "https:") {
    return "only https:// URLs are allowed";
  }
  if (url.hostname === "localhost" && !policy.allowLoopback) return "localhost is a loopback address";
  if (literal) return refusedAddress(literal, policy);
  return undefined;
}
