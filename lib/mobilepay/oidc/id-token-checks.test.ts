import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

import type { CheckName, CheckResult } from "./check-result";
import { checkFrontChannelIdToken, checkTokenEndpointIdToken } from "./id-token-checks";
import { createRemoteKeyResolver, createStaticKeyResolver, type KeyResolver } from "./key-resolver";
import {
  ACCESS_TOKEN,
  base64UrlJson,
  CLIENT_ID,
  CODE,
  createSigningKey,
  fakeFetch,
  frontChannelClaims,
  ISSUER,
  jsonResponse,
  jwksOf,
  NONCE,
  NOW,
  NOW_SECONDS,
  signIdToken,
  SUBJECT,
  tokenEndpointClaims,
  type SigningKey,
} from "./test-fixtures";

const FRONT_CHANNEL_ORDER: CheckName[] = [
  "id_token_present",
  "alg",
  "kid",
  "signature",
  "iss",
  "aud",
  "azp",
  "exp",
  "iat",
  "nonce",
  "c_hash",
];

let opKey: SigningKey;
let strangerKey: SigningKey;
let keys: KeyResolver;

beforeAll(async () => {
  opKey = await createSigningKey("op-key");
  strangerKey = await createSigningKey("op-key");
  keys = createStaticKeyResolver(jwksOf(opKey));
});

function failedNames(results: CheckResult[]): CheckName[] {
  return results.filter((result) => !result.passed).map((result) => result.name);
}

function detailOf(results: CheckResult[], name: CheckName): string {
  return results.find((result) => result.name === name)?.detail ?? "";
}

function frontChannel(idToken: string, overrides: Partial<Parameters<typeof checkFrontChannelIdToken>[0]> = {}) {
  return checkFrontChannelIdToken({
    idToken,
    code: CODE,
    expected: { issuer: ISSUER, clientId: CLIENT_ID, nonce: NONCE },
    keys,
    now: NOW,
    ...overrides,
  });
}

describe("checkFrontChannelIdToken", () => {
  it("passes a genuine MobilePay-shaped id_token and reports every check in order", async () => {
    const idToken = await signIdToken(opKey, frontChannelClaims());
    const outcome = await frontChannel(idToken);
    expect(outcome.results.map((result) => result.name)).toEqual(FRONT_CHANNEL_ORDER);
    expect(failedNames(outcome.results)).toEqual([]);
    expect(outcome.claims?.sub).toBe(SUBJECT);
    expect(outcome.claims?.amr).toEqual(["UserEnteredCode", "ServerProvidedKey"]);
    expect(outcome.header).toEqual({ alg: "RS256", kid: "op-key" });
    expect(outcome.clockOffsetSeconds).toBe(-5);
  });

  it("never puts the token, code or nonce into details", async () => {
    const idToken = await signIdToken(opKey, frontChannelClaims({ nonce: "other-nonce", c_hash: "bogus" }));
    const outcome = await frontChannel(idToken);
    const allDetails = outcome.results.map((result) => result.detail).join("\n");
    expect(allDetails).not.toContain(idToken.split(".")[1]);
    expect(allDetails).not.toContain(CODE);
    expect(allDetails).not.toContain(NONCE);
    expect(allDetails).not.toContain("other-nonce");
  });

  it("fails the signature when another key signed under the same kid, yet still reports the claims", async () => {
    const idToken = await signIdToken(strangerKey, frontChannelClaims());
    const outcome = await frontChannel(idToken);
    expect(failedNames(outcome.results)).toEqual(["signature"]);
    expect(detailOf(outcome.results, "signature")).toContain("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    expect(outcome.claims?.iss).toBe(ISSUER);
  });

  it("refuses alg none explicitly", async () => {
    const unsigned = `${base64UrlJson({ alg: "none", typ: "JWT" })}.${base64UrlJson(frontChannelClaims())}.`;
    const outcome = await frontChannel(unsigned);
    expect(failedNames(outcome.results)).toEqual(["alg", "signature", "c_hash"]);
    expect(detailOf(outcome.results, "alg")).toContain('alg "none" refused');
    expect(detailOf(outcome.results, "signature")).toBe("not verified: alg none is refused");
    expect(detailOf(outcome.results, "c_hash")).toContain("no hash is defined for alg none");
  });

  it("refuses HS256 even when it is signed with the client secret", async () => {
    const secret = new TextEncoder().encode("the-client-secret-from-the-zip-file-32b");
    const idToken = await new SignJWT(frontChannelClaims())
      .setProtectedHeader({ alg: "HS256", kid: "op-key" })
      .sign(secret);
    const outcome = await frontChannel(idToken);
    expect(failedNames(outcome.results)).toEqual(["alg", "signature"]);
    expect(detailOf(outcome.results, "alg")).toContain("symmetric alg HS256 refused");
    expect(detailOf(outcome.results, "kid")).toContain("found");
  });

  it("refuses another issuer with expected and actual values", async () => {
    const idToken = await signIdToken(opKey, frontChannelClaims({ iss: "https://api.sandbox.mobilepay.dk/merchant" }));
    const outcome = await frontChannel(idToken);
    expect(failedNames(outcome.results)).toEqual(["iss"]);
    expect(detailOf(outcome.results, "iss")).toBe(
      `iss is "https://api.sandbox.mobilepay.dk/merchant"; expected "${ISSUER}"`,
    );
  });

  it("refuses a token issued to another client", async () => {
    const idToken = await signIdToken(opKey, frontChannelClaims({ aud: "someone.else" }));
    const outcome = await frontChannel(idToken);
    expect(failedNames(outcome.results)).toEqual(["aud"]);
    expect(detailOf(outcome.results, "aud")).toContain('"someone.else"');
  });

  it("requires azp when there are several audiences", async () => {
    const withoutAzp = await frontChannel(await signIdToken(opKey, frontChannelClaims({ aud: [CLIENT_ID, "other"] })));
    expect(failedNames(withoutAzp.results)).toEqual(["azp"]);
    const withAzp = await frontChannel(
      await signIdToken(opKey, frontChannelClaims({ aud: [CLIENT_ID, "other"], azp: CLIENT_ID })),
    );
    expect(failedNames(withAzp.results)).toEqual([]);
    const foreignAzp = await frontChannel(await signIdToken(opKey, frontChannelClaims({ azp: "other" })));
    expect(failedNames(foreignAzp.results)).toEqual(["azp"]);
  });

  it("refuses an expired token, and tolerates small skew", async () => {
    const expired = await frontChannel(
      await signIdToken(
        opKey,
        frontChannelClaims({ iat: NOW_SECONDS - 320, nbf: NOW_SECONDS - 320, exp: NOW_SECONDS - 20 }),
      ),
    );
    expect(failedNames(expired.results)).toEqual(["exp"]);
    expect(detailOf(expired.results, "exp")).toContain("expired 20 s ago");
    expect(detailOf(expired.results, "exp")).toContain("2026-03-02T09:59:40.000Z");

    const justExpired = await signIdToken(opKey, frontChannelClaims({ exp: NOW_SECONDS - 5 }));
    expect(failedNames((await frontChannel(justExpired)).results)).toEqual([]);
    expect(failedNames((await frontChannel(justExpired, { clockToleranceSeconds: 0 })).results)).toEqual(["exp"]);
  });

  it("accepts tolerances up to 300 s and refuses more", async () => {
    const idToken = await signIdToken(opKey, frontChannelClaims({ exp: NOW_SECONDS - 200 }));
    expect(failedNames((await frontChannel(idToken, { clockToleranceSeconds: 300 })).results)).toEqual([]);
    await expect(frontChannel(idToken, { clockToleranceSeconds: 301 })).rejects.toThrow(RangeError);
    await expect(frontChannel(idToken, { clockToleranceSeconds: -1 })).rejects.toThrow(RangeError);
  });

  it("refuses an iat in the future and reports the measured offset", async () => {
    const idToken = await signIdToken(
      opKey,
      frontChannelClaims({ iat: NOW_SECONDS + 60, nbf: NOW_SECONDS + 60, exp: NOW_SECONDS + 360 }),
    );
    const outcome = await frontChannel(idToken);
    expect(failedNames(outcome.results)).toEqual(["iat"]);
    expect(detailOf(outcome.results, "iat")).toContain("measured offset 60 s");
    expect(outcome.clockOffsetSeconds).toBe(60);
  });

  it("refuses an iat older than the allowed age", async () => {
    const idToken = await signIdToken(opKey, frontChannelClaims({ iat: NOW_SECONDS - 700, exp: NOW_SECONDS + 100 }));
    expect(failedNames((await frontChannel(idToken)).results)).toEqual(["iat"]);
    expect(failedNames((await frontChannel(idToken, { maxIatAgeSeconds: 900 })).results)).toEqual([]);
  });

  it("refuses a token not yet valid (nbf)", async () => {
    const idToken = await signIdToken(opKey, frontChannelClaims({ nbf: NOW_SECONDS + 120 }));
    const outcome = await frontChannel(idToken);
    expect(failedNames(outcome.results)).toEqual(["iat"]);
    expect(detailOf(outcome.results, "iat")).toContain("not valid before");
  });

  it("refuses a foreign nonce", async () => {
    const outcome = await frontChannel(await signIdToken(opKey, frontChannelClaims({ nonce: "replayed-nonce" })));
    expect(failedNames(outcome.results)).toEqual(["nonce"]);
    expect(detailOf(outcome.results, "nonce")).toContain("nonce mismatch");
    const missing = await frontChannel(await signIdToken(opKey, frontChannelClaims({ nonce: undefined })));
    expect(failedNames(missing.results)).toEqual(["nonce"]);
  });

  it("refuses a c_hash that belongs to another code", async () => {
    const outcome = await frontChannel(await signIdToken(opKey, frontChannelClaims()), { code: "another-code" });
    expect(failedNames(outcome.results)).toEqual(["c_hash"]);
    expect(detailOf(outcome.results, "c_hash")).toContain("c_hash mismatch");
  });

  it("refuses a missing c_hash, which the hybrid flow requires", async () => {
    const outcome = await frontChannel(await signIdToken(opKey, frontChannelClaims({ c_hash: undefined })));
    expect(failedNames(outcome.results)).toEqual(["c_hash"]);
    expect(detailOf(outcome.results, "c_hash")).toBe("missing required property c_hash");
  });

  it("fails kid after one refetch when the key is unknown", async () => {
    let now = 5_000_000;
    const { fetch, calls } = fakeFetch(() => jsonResponse(jwksOf(opKey)));
    const remote = createRemoteKeyResolver({ jwksUri: "https://op.example/jwks", fetch, clock: () => now });
    await remote.resolve("op-key", "RS256");
    now += 120_000;
    const idToken = await signIdToken(opKey, frontChannelClaims(), { kid: "rotated-key" });
    const outcome = await frontChannel(idToken, { keys: remote });
    expect(failedNames(outcome.results)).toEqual(["kid", "signature"]);
    expect(detailOf(outcome.results, "kid")).toContain('kid "rotated-key" is not among');
    expect(calls).toHaveLength(2);
  });

  it("passes when the unknown kid appears after the refetch", async () => {
    const rotated = await createSigningKey("rotated-key");
    let now = 5_000_000;
    const { fetch, calls } = fakeFetch((_request, callNumber) =>
      jsonResponse(callNumber === 1 ? jwksOf(opKey) : jwksOf(opKey, rotated)),
    );
    const remote = createRemoteKeyResolver({ jwksUri: "https://op.example/jwks", fetch, clock: () => now });
    await remote.resolve("op-key", "RS256");
    now += 120_000;
    const outcome = await frontChannel(await signIdToken(rotated, frontChannelClaims()), { keys: remote });
    expect(failedNames(outcome.results)).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it("reports an unreachable key set on kid and signature instead of throwing", async () => {
    const { fetch } = fakeFetch(() => new Response("down", { status: 502 }));
    const remote = createRemoteKeyResolver({ jwksUri: "https://op.example/jwks", fetch });
    const outcome = await frontChannel(await signIdToken(opKey, frontChannelClaims()), { keys: remote });
    expect(failedNames(outcome.results)).toEqual(["kid", "signature"]);
    expect(detailOf(outcome.results, "kid")).toContain("HTTP 502");
  });

  it("fails every check on a token that cannot be decoded", async () => {
    const outcome = await frontChannel("abc.def.ghi");
    expect(outcome.results.map((result) => result.name)).toEqual(FRONT_CHANNEL_ORDER);
    expect(failedNames(outcome.results)).toEqual(FRONT_CHANNEL_ORDER);
    expect(outcome.claims).toBeUndefined();
  });

  it("fails id_token_present when a required claim is missing", async () => {
    const outcome = await frontChannel(await signIdToken(opKey, frontChannelClaims({ sub: undefined })));
    expect(failedNames(outcome.results)).toEqual(["id_token_present"]);
    expect(detailOf(outcome.results, "id_token_present")).toContain("missing required JWT property sub");
    expect(outcome.claims).toBeUndefined();
  });
});

function tokenEndpoint(
  idToken: string | undefined,
  overrides: Partial<Parameters<typeof checkTokenEndpointIdToken>[0]> = {},
) {
  return checkTokenEndpointIdToken({
    idToken,
    accessToken: ACCESS_TOKEN,
    expected: { issuer: ISSUER, clientId: CLIENT_ID, nonce: NONCE, subject: SUBJECT },
    keys,
    now: NOW,
    ...overrides,
  });
}

describe("checkTokenEndpointIdToken", () => {
  it("passes MobilePay's token-endpoint id_token (at_hash, no c_hash)", async () => {
    const outcome = await tokenEndpoint(await signIdToken(opKey, tokenEndpointClaims()));
    expect(outcome.results.map((result) => result.name)).toEqual([
      "id_token_present",
      "alg",
      "kid",
      "signature",
      "iss",
      "aud",
      "azp",
      "exp",
      "iat",
      "nonce",
      "at_hash",
      "sub_match",
      "iss_match",
    ]);
    expect(failedNames(outcome.results)).toEqual([]);
  });

  it("refuses an at_hash that does not match the access token", async () => {
    const outcome = await tokenEndpoint(await signIdToken(opKey, tokenEndpointClaims()), {
      accessToken: "another-access-token",
    });
    expect(failedNames(outcome.results)).toEqual(["at_hash"]);
    expect(detailOf(outcome.results, "at_hash")).not.toContain("another-access-token");
  });

  it("accepts a missing at_hash unless the caller requires it", async () => {
    const idToken = await signIdToken(opKey, tokenEndpointClaims({ at_hash: undefined }));
    expect(failedNames((await tokenEndpoint(idToken)).results)).toEqual([]);
    expect(failedNames((await tokenEndpoint(idToken, { requireAtHash: true })).results)).toEqual(["at_hash"]);
  });

  it("refuses a different user than the one who signed in through the browser", async () => {
    const outcome = await tokenEndpoint(await signIdToken(opKey, tokenEndpointClaims({ sub: "another-user" })));
    expect(failedNames(outcome.results)).toEqual(["sub_match"]);
    expect(detailOf(outcome.results, "sub_match")).toContain("sub mismatch");
  });

  it("compares iss with the original id_token's issuer", async () => {
    const outcome = await tokenEndpoint(await signIdToken(opKey, tokenEndpointClaims()), {
      expected: {
        issuer: ISSUER,
        clientId: CLIENT_ID,
        nonce: NONCE,
        subject: SUBJECT,
        originalIssuer: "https://other.example/merchant",
      },
    });
    expect(failedNames(outcome.results)).toEqual(["iss_match"]);
  });

  it("skips nonce for a refreshed id_token without one, but checks it when expected", async () => {
    const refreshed = await signIdToken(opKey, tokenEndpointClaims({ nonce: undefined }));
    const withoutExpectation = await tokenEndpoint(refreshed, {
      expected: { issuer: ISSUER, clientId: CLIENT_ID, subject: SUBJECT },
    });
    expect(failedNames(withoutExpectation.results)).toEqual([]);
    expect(failedNames((await tokenEndpoint(refreshed)).results)).toEqual(["nonce"]);
  });

  it("fails when the token response has no id_token", async () => {
    const outcome = await tokenEndpoint(undefined);
    expect(outcome.results[0]).toEqual({
      name: "id_token_present",
      passed: false,
      detail: "the token response has no id_token",
    });
    expect(outcome.results.every((result) => !result.passed)).toBe(true);
  });

  it("still checks signature and time at the token endpoint", async () => {
    const forged = await signIdToken(strangerKey, tokenEndpointClaims({ exp: NOW_SECONDS - 60 }));
    expect(failedNames((await tokenEndpoint(forged)).results)).toEqual(["signature", "exp"]);
  });
});
