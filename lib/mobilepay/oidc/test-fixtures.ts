import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

import type { FetchLike } from "./bounded-request";
import { leftHalfHash } from "./token-hashes";

export const ISSUER = "https://api.mobilepay.dk/merchant";
export const CLIENT_ID = "invoice.testclient";
export const NONCE = "n0nce-value-from-the-transaction-cookie";
export const CODE = "SPlxlOBeZQQYbYS6WxSblA";
export const ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.access-token-body.signature";
export const SUBJECT = "ba9d1e41-eea5-4785-b2c8-4eeb984a21ca";
/** A fixed "now" so time-based checks are deterministic. */
export const NOW = new Date("2026-03-02T10:00:00.000Z");
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

export type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" };
  return { kid, privateKey, publicJwk };
}

export function jwksOf(...keys: SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.publicJwk) };
}

/** Claims shaped like MobilePay's front-channel id_token (mobilepay.md §3). */
export function frontChannelClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    sub: SUBJECT,
    nonce: NONCE,
    iat: NOW_SECONDS - 5,
    nbf: NOW_SECONDS - 5,
    exp: NOW_SECONDS + 295,
    c_hash: leftHalfHash(CODE, "RS256"),
    auth_time: NOW_SECONDS - 30,
    idp: "local",
    amr: ["UserEnteredCode", "ServerProvidedKey"],
    ...overrides,
  };
}

/** Claims shaped like MobilePay's token-endpoint id_token (mobilepay.md §4.6): at_hash, no c_hash. */
export function tokenEndpointClaims(overrides: JWTPayload = {}): JWTPayload {
  const { c_hash: _unused, ...claims } = frontChannelClaims({ at_hash: leftHalfHash(ACCESS_TOKEN, "RS256") });
  return { ...claims, ...overrides };
}

/** Signs the payload as-is; undefined claims are dropped so tests can remove required ones. */
export async function signIdToken(
  key: SigningKey,
  claims: JWTPayload,
  header: { kid?: string | null } = {},
): Promise<string> {
  const kid = header.kid === null ? undefined : (header.kid ?? key.kid);
  const present = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
  return new SignJWT(present)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(kid ? { kid } : {}) })
    .sign(key.privateKey);
}

export function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export type RecordedRequest = { url: string; init: RequestInit | undefined };

/** A fake fetch that records every call and answers from the handler. */
export function fakeFetch(handler: (request: RecordedRequest, callNumber: number) => Response | Promise<Response>): {
  fetch: FetchLike;
  calls: RecordedRequest[];
} {
  const calls: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = { url, init };
    calls.push(request);
    return handler(request, calls.length);
  };
  return { fetch, calls };
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });
}

/** Never answers until the request is aborted, like an endpoint that hangs. */
export const hangingFetch: FetchLike = (_url, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });

/** Sends headers at once but a body that never ends, like an endpoint that stalls mid-answer. */
export function stallingBodyResponse(): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"partial":'));
    },
  });
  return new Response(stream, { status: 200 });
}
