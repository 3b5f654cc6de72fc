import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { scaled } from "../../lib/testing/test-slowness";

import { callApi, INVOICE_ME } from "./support/api-client";
import { ControlClient } from "./support/control-client";
import { linkAndRedeem, linkMerchant } from "./support/hybrid-flow";
import { claimsOf, halfHash, jwksFor } from "./support/jwt-checks";
import { ANNA, BO, CONSOLE_CLIENT, startTestSandbox, type TestSandbox } from "./support/test-sandbox";
import { TokenClient } from "./support/token-client";

describe("fault switches", () => {
  let fixture: TestSandbox;
  let control: ControlClient;
  const tokens = () => new TokenClient(fixture.url, CONSOLE_CLIENT);
  const linkBo = () => linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
  /** A refresh the test can abandon, which the token client cannot: it awaits its answer. */
  const refreshWithSignal = (refreshToken: string, signal: AbortSignal) =>
    fetch(`${fixture.url}/merchant-authentication-openidconnect/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: CONSOLE_CLIENT.clientId,
        client_secret: CONSOLE_CLIENT.clientSecret,
      }),
      signal,
    });

  beforeAll(async () => {
    fixture = await startTestSandbox();
    control = new ControlClient(fixture.url);
  });
  afterEach(async () => {
    await control.call("POST", "/control/reset");
  });
  afterAll(async () => fixture.stop());

  it("makes the token endpoint answer 5xx for N calls without touching the refresh token", async () => {
    const linked = await linkBo();
    await control.json("POST", "/control/token-endpoint/fault", { mode: "server-error", count: 2, status: 502 });
    expect((await tokens().refresh(linked.refreshToken)).status).toBe(502);
    expect((await tokens().refresh(linked.refreshToken)).status).toBe(502);
    const recovered = await tokens().refresh(linked.refreshToken);
    expect(recovered.status).toBe(200);
    const counters = (await control.state()).tokenEndpoint[CONSOLE_CLIENT.clientId];
    expect(counters).toMatchObject({ injectedFaults: 2, refreshRequests: 3, refreshesServed: 1 });
  });

  it("makes the sandbox unreachable during an outage, except for its control API", async () => {
    const discovery = `${fixture.url}/merchant-authentication-openidconnect/.well-known/openid-configuration`;
    expect((await fetch(discovery)).status).toBe(200);
    await control.call("POST", "/control/outage");
    await expect(fetch(discovery)).rejects.toThrow();
    expect((await control.state()).faults).toMatchObject({ outage: true });
    await control.call("DELETE", "/control/outage");
    expect((await fetch(discovery)).status).toBe(200);
  });

  it("makes the token endpoint answer invalid_grant once, and the same refresh token still works afterwards", async () => {
    const linked = await linkBo();
    await control.json("POST", "/control/token-endpoint/fault", { mode: "invalid-grant" });
    const failed = await tokens().refresh(linked.refreshToken);
    expect(failed.status).toBe(400);
    expect(failed.body).toEqual({ error: "invalid_grant" });
    expect((await tokens().refresh(linked.refreshToken)).status).toBe(200);
  });

  it("makes the token endpoint time out", async () => {
    const linked = await linkBo();
    await control.json("POST", "/control/token-endpoint/fault", { mode: "timeout" });
    const timedOut = refreshWithSignal(linked.refreshToken, AbortSignal.timeout(400));
    await expect(timedOut).rejects.toThrow();
    expect((await tokens().refresh(linked.refreshToken)).status).toBe(200);
  });

  it("answers a refresh with another merchant's tokens, in both tokens or one, and can leave out the id_token", async () => {
    const linked = await linkAndRedeem(fixture.url, {
      client: CONSOLE_CLIENT,
      email: ANNA.email,
      password: ANNA.password,
      merchantVat: ANNA.danishMerchant.vat,
    });
    const merchantOf = (jwt: string | undefined) => (jwt ? claimsOf(jwt).merchant_vat : undefined);
    let refreshToken = linked.refreshToken;
    const refreshWith = async (kind: string) => {
      await control.json("POST", "/control/refresh-answer-fault", { kind });
      const answer = await tokens().refresh(refreshToken);
      expect(answer.status).toBe(200);
      refreshToken = answer.body.refresh_token ?? refreshToken;
      return [merchantOf(answer.body.access_token), merchantOf(answer.body.id_token)];
    };
    const danish = ANNA.danishMerchant.vat;
    const finnish = ANNA.finnishMerchant.vat;
    expect(await refreshWith("other-merchant")).toEqual([finnish, finnish]);
    expect(await refreshWith("other-merchant-access-token")).toEqual([finnish, danish]);
    expect(await refreshWith("other-merchant-id-token")).toEqual([danish, finnish]);
    expect(await refreshWith("other-merchant-without-id-token")).toEqual([finnish, undefined]);
    expect(await refreshWith("without-id-token")).toEqual([danish, undefined]);
    // One shot: the next refresh is the merchant's own again.
    const healthy = await tokens().refresh(refreshToken);
    expect([merchantOf(healthy.body.access_token), merchantOf(healthy.body.id_token)]).toEqual([danish, danish]);
  });

  it("holds a served refresh answer until the client gives up: the OneTime refresh token has rotated", async () => {
    const linked = await linkBo();
    await control.json("POST", "/control/refresh-answer-fault", { kind: "hold" });
    const abandoned = new AbortController();
    const held = refreshWithSignal(linked.refreshToken, abandoned.signal).catch((error: unknown) => error);
    await expect.poll(async () => (await control.state()).faults.answersHeld, { timeout: scaled(10_000) }).toBe(1);
    abandoned.abort();
    expect(await held).toBeInstanceOf(Error);
    await expect.poll(async () => (await control.state()).faults.answersHeld, { timeout: scaled(10_000) }).toBe(0);
    // The OP served it: the refresh token the client held is spent.
    const stale = await tokens().refresh(linked.refreshToken);
    expect(stale.body).toMatchObject({ error: "invalid_grant" });
  });

  it("adds latency to the token endpoint and, when asked, to the APIs", async () => {
    const linked = await linkBo();
    await control.json("PUT", "/control/latency", { milliseconds: 600, target: "token" });
    let started = Date.now();
    const refreshed = await tokens().refresh(linked.refreshToken);
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    started = Date.now();
    await callApi(fixture.url, refreshed.body.access_token, "GET", INVOICE_ME);
    // Generous bound: the point is that the API did not wait the 600 ms, even on a busy machine.
    expect(Date.now() - started).toBeLessThan(550);

    await control.json("PUT", "/control/latency", { milliseconds: 600, target: "api" });
    started = Date.now();
    expect((await callApi(fixture.url, refreshed.body.access_token, "GET", INVOICE_ME)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
  });

  it("skews the OP clock: token times and the Date header move together", async () => {
    const linked = await linkBo();
    await control.json("PUT", "/control/clock", { skewSeconds: 3600 });
    const response = await fetch(
      `${fixture.url}/merchant-authentication-openidconnect/.well-known/openid-configuration`,
    );
    const dateHeader = Date.parse(response.headers.get("date") ?? "");
    expect(Math.abs(dateHeader - (Date.now() + 3_600_000))).toBeLessThan(5000);

    const refreshed = await tokens().refresh(linked.refreshToken);
    const now = Math.floor(Date.now() / 1000);
    for (const jwt of [refreshed.body.access_token ?? "", refreshed.body.id_token ?? ""]) {
      const claims = claimsOf(jwt);
      expect(Math.abs((claims.iat ?? 0) - (now + 3600))).toBeLessThanOrEqual(5);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
    }
    // The APIs share the OP's clock, so the skewed token is accepted there.
    expect((await callApi(fixture.url, refreshed.body.access_token, "GET", INVOICE_ME)).status).toBe(200);
    // ...while a relying party on a correct clock sees a token from the future.
    await expect(jwtVerify(refreshed.body.id_token ?? "", jwksFor(fixture.url))).rejects.toThrow();
  });

  it("rotates signing keys: the old key stays published, new tokens use the new key, old tokens keep working", async () => {
    const linked = await linkBo();
    const oldKid = decodeProtectedHeader(linked.accessToken).kid;
    const rotation = await control.json<{ previousKid: string; activeKid: string }>(
      "POST",
      "/control/signing-keys/rotate",
    );
    expect(rotation.previousKid).toBe(oldKid);

    const jwks = (await (
      await fetch(`${fixture.url}/merchant-authentication-openidconnect/.well-known/openid-configuration/jwks`)
    ).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual([rotation.activeKid, rotation.previousKid].sort());

    expect((await callApi(fixture.url, linked.accessToken, "GET", INVOICE_ME)).status).toBe(200);
    const refreshed = await tokens().refresh(linked.refreshToken);
    expect(decodeProtectedHeader(refreshed.body.access_token ?? "").kid).toBe(rotation.activeKid);
    expect(decodeProtectedHeader(refreshed.body.id_token ?? "").kid).toBe(rotation.activeKid);
    await jwtVerify(refreshed.body.id_token ?? "", jwksFor(fixture.url));
    expect((await callApi(fixture.url, refreshed.body.access_token, "GET", INVOICE_ME)).status).toBe(200);

    const keys = (await control.state()).signingKeys;
    expect(keys.filter((key) => key.active).map((key) => key.kid)).toEqual([rotation.activeKid]);
  });

  describe("a deliberately bad front-channel id_token", () => {
    const check = async (idToken: string, code: string, nonce: string) => {
      const { payload } = await jwtVerify(idToken, jwksFor(fixture.url), {
        issuer: fixture.sandbox.issuer,
        audience: CONSOLE_CLIENT.clientId,
        algorithms: ["RS256"],
      });
      if (payload.nonce !== nonce) throw new Error("nonce mismatch");
      if (payload.c_hash !== halfHash(code)) throw new Error("c_hash mismatch");
      return payload;
    };

    it.each([
      ["wrong-signature", joseErrors.JWSSignatureVerificationFailed],
      ["alg-none", joseErrors.JOSEAlgNotAllowed],
      ["wrong-iss", joseErrors.JWTClaimValidationFailed],
      ["wrong-aud", joseErrors.JWTClaimValidationFailed],
      ["expired", joseErrors.JWTExpired],
      ["future-iat", joseErrors.JWTClaimValidationFailed],
      ["unknown-kid", joseErrors.JWKSNoMatchingKey],
    ] as const)("%s fails the relying party's check", async (kind, expectedError) => {
      await control.json("POST", "/control/id-token-fault", { kind });
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      await expect(check(link.idToken, link.code, link.secrets.nonce)).rejects.toBeInstanceOf(expectedError);
    });

    it.each([
      ["wrong-nonce", "nonce mismatch"],
      ["bad-c-hash", "c_hash mismatch"],
    ] as const)("%s is correctly signed but fails the binding check", async (kind, message) => {
      await control.json("POST", "/control/id-token-fault", { kind });
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      await expect(check(link.idToken, link.code, link.secrets.nonce)).rejects.toThrow(message);
    });

    it("is a one-shot fault: the authorization response after it is sound again", async () => {
      await control.json("POST", "/control/id-token-fault", { kind: "wrong-signature" });
      const broken = await linkMerchant(fixture.url, {
        client: CONSOLE_CLIENT,
        email: BO.email,
        password: BO.password,
      });
      await expect(check(broken.idToken, broken.code, broken.secrets.nonce)).rejects.toThrow();
      const next = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      await check(next.idToken, next.code, next.secrets.nonce);
    });

    it("can be aimed at one client only", async () => {
      await control.json("POST", "/control/id-token-fault", { kind: "wrong-aud", clientId: "reuse-client" });
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      await check(link.idToken, link.code, link.secrets.nonce);
      expect((await control.state()).faults.pendingBadIdToken).toEqual({ kind: "wrong-aud", clientId: "reuse-client" });
    });
  });

  describe("broken id_tokens from the token endpoint", () => {
    it("breaks the next token endpoint id_token once, leaving the front channel sound", async () => {
      await control.json("POST", "/control/token-endpoint/id-token-fault", { kind: "bad-at-hash" });
      const broken = await linkBo();
      // Correctly signed, so only the at_hash comparison can catch it.
      await jwtVerify(broken.idTokenFromTokenEndpoint, jwksFor(fixture.url));
      expect(claimsOf(broken.idTokenFromTokenEndpoint).at_hash).not.toBe(halfHash(broken.accessToken));
      expect(claimsOf(broken.idToken).c_hash).toBe(halfHash(broken.code));
      const next = await linkBo();
      expect(claimsOf(next.idTokenFromTokenEndpoint).at_hash).toBe(halfHash(next.accessToken));
    });

    it.each(["wrong-nonce", "wrong-iss"] as const)(
      "%s changes only that claim of the token endpoint id_token",
      async (kind) => {
        await control.json("POST", "/control/token-endpoint/id-token-fault", { kind });
        const broken = await linkBo();
        const claims = claimsOf(broken.idTokenFromTokenEndpoint);
        const front = claimsOf(broken.idToken);
        const claim = kind === "wrong-nonce" ? "nonce" : "iss";
        expect(claims[claim]).not.toBe(front[claim]);
        expect(claims.at_hash).toBe(halfHash(broken.accessToken));
      },
    );

    it("refuses kinds that have no meaning at the token endpoint", async () => {
      const response = await control.call("POST", "/control/token-endpoint/id-token-fault", { kind: "bad-c-hash" });
      expect(response.status).toBe(400);
      expect((await control.state()).faults.pendingBadTokenEndpointIdToken).toBeNull();
    });
  });

  describe("the control API itself", () => {
    it("refuses callers without the control token", async () => {
      const anonymous = await fetch(`${fixture.url}/control/state`);
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(`${fixture.url}/control/state`, { headers: { authorization: "Bearer not-the-token" } });
      expect(wrong.status).toBe(401);
    });

    it("validates its input and changes nothing on bad input", async () => {
      const bad = await control.call("POST", "/control/token-endpoint/fault", { mode: "explode", count: 1 });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toBe("invalid_request");
      expect((await control.call("POST", "/control/id-token-fault", { kind: "nonsense" })).status).toBe(400);
      expect((await control.call("PUT", "/control/clock", "not json")).status).toBe(400);
      const faults = (await control.state()).faults;
      expect(faults.tokenEndpoint).toBeNull();
      expect(faults.pendingBadIdToken).toBeNull();
      expect(faults.clockSkewSeconds).toBe(0);
    });

    it("serves an HTML control page that works without script", async () => {
      const prompt = await fetch(`${fixture.url}/control`);
      expect(await prompt.text()).toContain("Control token");
      const page = await fetch(`${fixture.url}/control?token=control-token-for-tests-0123456789`);
      const html = await page.text();
      expect(html).toContain("Rotate signing keys");
      expect(html).toContain("wrong-signature");

      const action = await fetch(`${fixture.url}/control/ui/clock`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token: "control-token-for-tests-0123456789", skewSeconds: "-120" }),
        redirect: "manual",
      });
      expect(action.status).toBe(303);
      expect((await control.state()).faults.clockSkewSeconds).toBe(-120);
    });
  });
});
