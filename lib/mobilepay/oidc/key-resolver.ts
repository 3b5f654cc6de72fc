import { importJWK, type CryptoKey, type JWK, type KeyObject } from "jose";
import { z } from "zod";

import { boundedRequest, BoundedRequestError, describeUrl, type FetchLike } from "./bounded-request";

/** Looks up the OP key that should verify a token with the given kid and alg; null when there is none. */
export type KeyResolver = {
  resolve(kid: string | undefined, alg: string): Promise<CryptoKey | KeyObject | null>;
};

export class JwksError extends Error {
  constructor(
    readonly kind: "unreachable" | "malformed",
    message: string,
  ) {
    super(message);
    this.name = "JwksError";
  }
}

/** The OP's key set could not be fetched at all (network, timeout, HTTP status). */
export class JwksUnreachableError extends JwksError {
  constructor(message: string) {
    super("unreachable", message);
    this.name = "JwksUnreachableError";
  }
}

/** The OP answered, but not with a JSON Web Key Set. */
export class JwksMalformedError extends JwksError {
  constructor(message: string) {
    super("malformed", message);
    this.name = "JwksMalformedError";
  }
}

const jwkSetSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

type JwkEntry = z.infer<typeof jwkSetSchema>["keys"][number];

/** MobilePay signs with RSA only; any other key type in the set is ignored rather than trusted. */
function isRsaSigningKey(jwk: JwkEntry, alg: string): boolean {
  if (jwk.kty !== "RSA") return false;
  if (jwk.use !== undefined && jwk.use !== "sig") return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes("verify")) return false;
  return typeof jwk.n === "string" && typeof jwk.e === "string";
}

/**
 * Picks the key for kid among the signing keys. Without a kid only an unambiguous set (one key) is usable, as in
 * openid-client: guessing between several keys would let any of them sign.
 */
function pickKey(keys: readonly JwkEntry[], kid: string | undefined, alg: string): JwkEntry | undefined {
  const candidates = keys.filter((jwk) => isRsaSigningKey(jwk, alg));
  if (kid === undefined) return candidates.length === 1 ? candidates[0] : undefined;
  const matching = candidates.filter((jwk) => jwk.kid === kid);
  return matching.length === 1 ? matching[0] : undefined;
}

async function importJwk(jwk: JwkEntry, alg: string): Promise<CryptoKey> {
  const publicPart: JWK = { kty: "RSA", n: String(jwk.n), e: String(jwk.e) };
  try {
    return (await importJWK(publicPart, alg)) as CryptoKey;
  } catch {
    throw new JwksMalformedError(
      `The RSA key${jwk.kid === undefined ? "" : ` "${String(jwk.kid)}"`} cannot be imported`,
    );
  }
}

// Importing an RSA key took about half of an id_token check (0.25 of 0.55 ms). A key set is parsed into new
// entries on every download, so a rotated or refetched set is imported afresh and the old keys are collected.
const importedKeys = new WeakMap<JwkEntry, Map<string, Promise<CryptoKey>>>();

function importVerificationKey(jwk: JwkEntry, alg: string): Promise<CryptoKey> {
  let byAlg = importedKeys.get(jwk);
  if (byAlg === undefined) {
    byAlg = new Map();
    importedKeys.set(jwk, byAlg);
  }
  let imported = byAlg.get(alg);
  if (imported === undefined) {
    imported = importJwk(jwk, alg);
    byAlg.set(alg, imported);
  }
  return imported;
}

function parseJwks(body: unknown, source: string): JwkEntry[] {
  const parsed = jwkSetSchema.safeParse(body);
  if (!parsed.success) throw new JwksMalformedError(`${source} is not a JSON Web Key Set (no "keys" array of keys)`);
  return parsed.data.keys;
}

/** For tests and for pinned key sets: resolves from a fixed JWKS without any network access. */
export function createStaticKeyResolver(jwks: { keys: readonly unknown[] }): KeyResolver {
  const keys = parseJwks(jwks, "The static key set");
  return {
    async resolve(kid, alg) {
      const jwk = pickKey(keys, kid, alg);
      return jwk === undefined ? null : importVerificationKey(jwk, alg);
    },
  };
}

export type RemoteKeyResolverOptions = {
  jwksUri: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** openid-client v5 throttles unknown-kid refetches to one per 60 s; the same default keeps load comparable. */
  minRefetchIntervalMs?: number;
  /** Injected clock for the refetch throttle. */
  clock?: () => number;
};

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MIN_REFETCH_INTERVAL_MS = 60_000;
const MAX_JWKS_BYTES = 256 * 1024;

/**
 * Caches the OP's JWKS and refetches it at most once per lookup when a kid is unknown (key rotation, OIDC Core
 * 10.1.1), throttled so a flood of tokens with invented kids cannot turn into a flood of requests to the OP.
 */
export function createRemoteKeyResolver(options: RemoteKeyResolverOptions): KeyResolver {
  const clock = options.clock ?? Date.now;
  const minRefetchIntervalMs = options.minRefetchIntervalMs ?? DEFAULT_MIN_REFETCH_INTERVAL_MS;
  const source = describeUrl(options.jwksUri);
  let cachedKeys: JwkEntry[] | undefined;
  let lastFetchAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<JwkEntry[]> | undefined;

  async function download(): Promise<JwkEntry[]> {
    let bodyText: string;
    try {
      const response = await boundedRequest({
        url: options.jwksUri,
        init: { method: "GET", headers: { accept: "application/json, application/jwk-set+json" } },
        fetch: options.fetch,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBodyBytes: MAX_JWKS_BYTES,
      });
      if (response.status !== 200) {
        throw new JwksUnreachableError(`${source} answered HTTP ${response.status}`);
      }
      bodyText = response.bodyText;
    } catch (error) {
      if (error instanceof JwksError) throw error;
      if (error instanceof BoundedRequestError && error.kind === "too_large") {
        throw new JwksMalformedError(error.message);
      }
      throw new JwksUnreachableError(error instanceof Error ? error.message : `Could not reach ${source}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      throw new JwksMalformedError(`${source} did not answer with JSON`);
    }
    return parseJwks(body, source);
  }

  /** Concurrent lookups share one download instead of each hitting the OP. */
  function refresh(): Promise<JwkEntry[]> {
    if (inFlight === undefined) {
      lastFetchAt = clock();
      inFlight = download()
        .then((keys) => {
          cachedKeys = keys;
          return keys;
        })
        .finally(() => {
          inFlight = undefined;
        });
    }
    return inFlight;
  }

  return {
    async resolve(kid, alg) {
      const freshlyLoaded = cachedKeys === undefined;
      const keys = cachedKeys ?? (await refresh());
      let jwk = pickKey(keys, kid, alg);
      if (jwk === undefined && !freshlyLoaded && clock() - lastFetchAt >= minRefetchIntervalMs) {
        jwk = pickKey(await refresh(), kid, alg);
      }
      return jwk === undefined ? null : importVerificationKey(jwk, alg);
    },
  };
}
