import { describe, expect, it } from "vitest";

import { normalizeAddress, parseTrustedProxy, type TrustedProxy } from "@/lib/config/trusted-proxy";

import { resolveClientAddress } from "./client-address";

const proxies = (...entries: string[]): TrustedProxy[] =>
  entries.map((entry) => parseTrustedProxy(entry)).filter((proxy): proxy is TrustedProxy => proxy !== null);

describe("the client address a sign-in is counted under", () => {
  it("ignores X-Forwarded-For when no proxy is trusted: the peer is the client", () => {
    for (const forwardedFor of ["198.51.100.1", "1.2.3.4, 5.6.7.8", "not-an-address", undefined]) {
      expect(resolveClientAddress({ peer: "203.0.113.9", forwardedFor, trustedProxies: [] })).toBe("203.0.113.9");
    }
  });

  it("believes the hops that trusted proxies added, from the nearest outwards", () => {
    const trusted = proxies("10.0.0.0/8", "192.0.2.1");
    expect(
      resolveClientAddress({ peer: "10.1.2.3", forwardedFor: "6.6.6.6, 198.51.100.7", trustedProxies: trusted }),
    ).toBe("198.51.100.7");
    expect(
      resolveClientAddress({
        peer: "10.1.2.3",
        forwardedFor: "6.6.6.6, 198.51.100.7, 192.0.2.1",
        trustedProxies: trusted,
      }),
    ).toBe("198.51.100.7");
  });

  it("does not believe a forwarded header from a peer that is not a trusted proxy", () => {
    expect(
      resolveClientAddress({ peer: "198.51.100.50", forwardedFor: "10.0.0.1", trustedProxies: proxies("10.0.0.0/8") }),
    ).toBe("198.51.100.50");
  });

  it("stops at a malformed hop, and says unknown without a peer", () => {
    expect(
      resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "bogus", trustedProxies: proxies("10.0.0.0/8") }),
    ).toBe("10.0.0.2");
    expect(resolveClientAddress({ peer: null, forwardedFor: "198.51.100.7", trustedProxies: [] })).toBe("unknown");
  });

  it("compares IPv4 clients of a dual-stack socket as IPv4, and handles IPv6 networks", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(
      resolveClientAddress({
        peer: "::ffff:10.0.0.5",
        forwardedFor: "2001:db8::1",
        trustedProxies: proxies("10.0.0.0/8", "fd00::/8"),
      }),
    ).toBe("2001:db8::1");
  });

  it("parses addresses and CIDR networks, and refuses anything else", () => {
    expect(parseTrustedProxy("10.0.0.0/8")).toEqual({ network: "10.0.0.0", prefix: 8, family: "ipv4" });
    expect(parseTrustedProxy("2001:db8::/32")).toEqual({ network: "2001:db8::", prefix: 32, family: "ipv6" });
    expect(parseTrustedProxy("192.0.2.1")).toEqual({ network: "192.0.2.1", prefix: 32, family: "ipv4" });
    for (const bad of ["10.0.0.0/33", "example.com", "10.0.0/8", "10.0.0.0/8/1", "10.0.0.0/x", ""]) {
      expect(parseTrustedProxy(bad)).toBeNull();
    }
  });
});
