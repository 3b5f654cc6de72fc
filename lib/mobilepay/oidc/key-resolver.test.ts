import { exportJWK, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

import {
  createRemoteKeyResolver,
  createStaticKeyResolver,
  JwksMalformedError,
  JwksUnreachableError,
} from "./key-resolver";
import { createSigningKey, fakeFetch, hangingFetch, jsonResponse, jwksOf, type SigningKey } from "./test-fixtures";

const JWKS_URI = "https://api.mobilepay.dk/merchant-authentication-openidconnect/.well-known/openid-configuration/jwks";

let first: SigningKey;
let second: SigningKey;

beforeAll(async () => {
  first = await createSigningKey("key-1");
  second = await createSigningKey("key-2");
});

describe("createStaticKeyResolver", () => {
  it("resolves an RSA signing key by kid and returns null for unknown kids", async () => {
    const resolver = createStaticKeyResolver(jwksOf(first, second));
    const key = await resolver.resolve("key-2", "RS256");
    expect(key).not.toBeNull();
    expect((key as CryptoKey).algorithm.name).toBe("RSASSA-PKCS1-v1_5");
    expect(await resolver.resolve("key-3", "RS256")).toBeNull();
  });

  it("accepts a token without kid only when the set holds exactly one signing key", async () => {
    expect(await createStaticKeyResolver(jwksOf(first)).resolve(undefined, "RS256")).not.toBeNull();
    expect(await createStaticKeyResolver(jwksOf(first, second)).resolve(undefined, "RS256")).toBeNull();
  });

  it("ignores encryption keys, keys for other algs and non-RSA keys", async () => {
    const { publicKey: ecKey } = await generateKeyPair("ES256");
    const resolver = createStaticKeyResolver({
      keys: [
        { ...first.publicJwk, use: "enc" },
        { ...second.publicJwk, alg: "PS256" },
        { ...(await exportJWK(ecKey)), kid: "ec", use: "sig" },
      ],
    });
    expect(await resolver.resolve("key-1", "RS256")).toBeNull();
    expect(await resolver.resolve("key-2", "RS256")).toBeNull();
    expect(await resolver.resolve("ec", "RS256")).toBeNull();
  });

  it("accepts keys without use or alg", async () => {
    const { use: _use, alg: _alg, ...bare } = first.publicJwk;
    expect(await createStaticKeyResolver({ keys: [bare] }).resolve("key-1", "RS256")).not.toBeNull();
  });

  it("imports a key once and hands the same key to later lookups", async () => {
    const resolver = createStaticKeyResolver(jwksOf(first, second));
    const key = await resolver.resolve("key-1", "RS256");
    expect(key).not.toBeNull();
    expect(await resolver.resolve("key-1", "RS256")).toBe(key);
    expect(await resolver.resolve("key-2", "RS256")).not.toBe(key);
  });

  it("refuses something that is not a key set", () => {
    expect(() => createStaticKeyResolver({ keys: [{ n: "x" }] })).toThrow(JwksMalformedError);
  });
});

describe("createRemoteKeyResolver", () => {
  it("fetches the key set once and serves later lookups from the cache", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(jwksOf(first, second)));
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch });
    expect(await resolver.resolve("key-1", "RS256")).not.toBeNull();
    expect(await resolver.resolve("key-2", "RS256")).not.toBeNull();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(JWKS_URI);
  });

  it("shares one download between concurrent lookups", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(jwksOf(first)));
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch });
    const keys = await Promise.all([resolver.resolve("key-1", "RS256"), resolver.resolve("key-1", "RS256")]);
    expect(keys.every((key) => key !== null)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("refetches once for an unknown kid, then gives up", async () => {
    let now = 1_000_000;
    const { fetch, calls } = fakeFetch(() => jsonResponse(jwksOf(first)));
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch, clock: () => now });
    await resolver.resolve("key-1", "RS256");
    now += 61_000;
    expect(await resolver.resolve("unknown", "RS256")).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it("finds a rotated key that appears after the refetch", async () => {
    let now = 1_000_000;
    const { fetch, calls } = fakeFetch((_request, callNumber) =>
      jsonResponse(callNumber === 1 ? jwksOf(first) : jwksOf(first, second)),
    );
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch, clock: () => now });
    await resolver.resolve("key-1", "RS256");
    now += 61_000;
    expect(await resolver.resolve("key-2", "RS256")).not.toBeNull();
    expect(calls).toHaveLength(2);
  });

  it("imports the keys of a refetched set afresh, even under a kid it knew", async () => {
    let now = 1_000_000;
    const { fetch, calls } = fakeFetch((_request, callNumber) =>
      jsonResponse(callNumber === 1 ? jwksOf(first) : { keys: [{ ...second.publicJwk, kid: "key-1" }] }),
    );
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch, clock: () => now });
    const before = await resolver.resolve("key-1", "RS256");
    expect(await resolver.resolve("key-1", "RS256")).toBe(before);
    now += 61_000;
    expect(await resolver.resolve("unknown", "RS256")).toBeNull();
    const after = await resolver.resolve("key-1", "RS256");
    expect(calls).toHaveLength(2);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });

  it("throttles refetches so invented kids cannot flood the OP", async () => {
    let now = 1_000_000;
    const { fetch, calls } = fakeFetch(() => jsonResponse(jwksOf(first)));
    const resolver = createRemoteKeyResolver({
      jwksUri: JWKS_URI,
      fetch,
      clock: () => now,
      minRefetchIntervalMs: 60_000,
    });
    await resolver.resolve("key-1", "RS256");
    now += 61_000;
    await resolver.resolve("invented-1", "RS256");
    now += 1_000;
    await resolver.resolve("invented-2", "RS256");
    await resolver.resolve("invented-3", "RS256");
    expect(calls).toHaveLength(2);
  });

  it("does not refetch straight after the first download", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(jwksOf(first)));
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch, minRefetchIntervalMs: 0 });
    expect(await resolver.resolve("unknown", "RS256")).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("reports an unreachable key set", async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) });
    });
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch });
    await expect(resolver.resolve("key-1", "RS256")).rejects.toThrow(JwksUnreachableError);
    await expect(resolver.resolve("key-1", "RS256")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("reports an HTTP error status as unreachable", async () => {
    const { fetch } = fakeFetch(() => new Response("oops", { status: 503 }));
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch });
    await expect(resolver.resolve("key-1", "RS256")).rejects.toThrow(/HTTP 503/);
  });

  it("reports a timeout as unreachable", async () => {
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch: hangingFetch, timeoutMs: 20 });
    const failure = resolver.resolve("key-1", "RS256");
    await expect(failure).rejects.toThrow(JwksUnreachableError);
    await expect(failure).rejects.toThrow(/within 20 ms/);
  });

  it("reports non-JSON and key-less answers as malformed", async () => {
    const html = createRemoteKeyResolver({
      jwksUri: JWKS_URI,
      fetch: fakeFetch(() => new Response("<html>login</html>")).fetch,
    });
    await expect(html.resolve("key-1", "RS256")).rejects.toThrow(JwksMalformedError);
    const keyless = createRemoteKeyResolver({
      jwksUri: JWKS_URI,
      fetch: fakeFetch(() => jsonResponse({ k: [] })).fetch,
    });
    await expect(keyless.resolve("key-1", "RS256")).rejects.toThrow(/not a JSON Web Key Set/);
  });

  it("refuses an oversize key set", async () => {
    const { fetch } = fakeFetch(() => new Response("x".repeat(300 * 1024)));
    const resolver = createRemoteKeyResolver({ jwksUri: JWKS_URI, fetch });
    await expect(resolver.resolve("key-1", "RS256")).rejects.toThrow(JwksMalformedError);
  });
});
