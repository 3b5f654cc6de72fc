import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { Browser } from "./support/browser";
import { ControlClient } from "./support/control-client";
import {
  authorizationUrl,
  freshSecrets,
  isLoginPage,
  isVagueErrorPage,
  linkMerchant,
  type PkceAndNonce,
} from "./support/hybrid-flow";
import { ANNA, BO, CONSOLE_CLIENT, startTestSandbox, type TestSandbox } from "./support/test-sandbox";
import { TokenClient } from "./support/token-client";

describe("MobilePay's authorization request rules", () => {
  let fixture: TestSandbox;
  let control: ControlClient;

  beforeAll(async () => {
    fixture = await startTestSandbox();
    control = new ControlClient(fixture.url);
  });
  afterAll(async () => fixture.stop());

  async function openAuthorize(overrides: Record<string, string | undefined>, secrets: PkceAndNonce = freshSecrets()) {
    const browser = new Browser(fixture.url);
    return browser.get(authorizationUrl(fixture.url, { client: CONSOLE_CLIENT, overrides }, secrets));
  }

  it.each([
    ["state is missing", { state: undefined }],
    ["nonce is missing", { nonce: undefined }],
    ["code_challenge is missing", { code_challenge: undefined }],
    ["code_challenge_method is missing", { code_challenge_method: undefined }],
    ["plain PKCE is used", { code_challenge_method: "plain" }],
    ["the code challenge is too short", { code_challenge: "a".repeat(42) }],
    ["the redirect URI is not registered", { redirect_uri: "http://localhost:3000/api/auth/callback/other" }],
    ["the redirect URI differs by a trailing slash", { redirect_uri: `${CONSOLE_CLIENT.redirectUri}/` }],
    ["the client is unknown", { client_id: "someone-else" }],
    ["response_type is code only", { response_type: "code" }],
    ["response_mode is query", { response_mode: "query" }],
    ["response_mode is missing", { response_mode: undefined }],
    ["offline_access is missing", { scope: "openid invoice" }],
    ["no product scope is requested", { scope: "openid offline_access" }],
    ["an unknown scope is requested", { scope: "openid offline_access invoice payments" }],
    ["merchant_vat is malformed", { merchant_vat: "DK-12345678" }],
    ["merchant_vat has a foreign country prefix", { merchant_vat: "SE12345678" }],
    ["prompt=none is asked for", { prompt: "none" }],
    ["a request object is sent", { request: "eyJhbGciOiJub25lIn0.e30." }],
  ])("shows the vague error page and sends nothing to the client when %s", async (_label, overrides) => {
    const page = await openAuthorize(overrides);
    expect(isVagueErrorPage(page)).toBe(true);
    expect(page.html).not.toContain(CONSOLE_CLIENT.redirectUri);
    expect(page.html).not.toMatch(/state|nonce|redirect_uri|scope/i);
  });

  it("shows the vague error page when a parameter is given twice", async () => {
    const url = new URL(authorizationUrl(fixture.url, { client: CONSOLE_CLIENT }, freshSecrets()));
    url.searchParams.append("state", "a-second-state");
    expect(isVagueErrorPage(await new Browser(fixture.url).get(url.href))).toBe(true);
  });

  it("accepts comma-separated scopes, which MobilePay's docs allow", async () => {
    const page = await openAuthorize({ scope: "openid,offline_access,invoice" });
    expect(isLoginPage(page)).toBe(true);
  });

  it("rejects a nonce it has seen before, even for a request that is otherwise fine", async () => {
    const secrets = freshSecrets();
    expect(isLoginPage(await openAuthorize({}, secrets))).toBe(true);
    const again = await openAuthorize({ state: "another-state" }, { ...freshSecrets(), nonce: secrets.nonce });
    expect(isVagueErrorPage(again)).toBe(true);
  });

  it("does not burn the nonce of a request it rejected for another reason", async () => {
    const secrets = freshSecrets();
    expect(isVagueErrorPage(await openAuthorize({ state: undefined }, secrets))).toBe(true);
    expect(isLoginPage(await openAuthorize({}, secrets))).toBe(true);
  });

  it("fails the flow with the vague error page when merchant_vat is not one of the user's merchants", async () => {
    const browser = new Browser(fixture.url);
    let page = await browser.get(
      authorizationUrl(fixture.url, { client: CONSOLE_CLIENT, merchantVat: "DK99999999" }, freshSecrets()),
    );
    expect(isLoginPage(page)).toBe(true);
    page = await browser.submit(page, "/login", { email: ANNA.email, password: ANNA.password });
    expect(isVagueErrorPage(page)).toBe(true);
    expect((await control.state()).grants).toHaveLength(0);
  });

  describe("at the token endpoint", () => {
    const tokens = () => new TokenClient(fixture.url, CONSOLE_CLIENT);

    it("refuses a verifier shorter than 43 characters and leaves the code usable", async () => {
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      const short = await tokens().exchangeCode(link.code, link.secrets.codeVerifier.slice(0, 42));
      expect(short.status).toBe(400);
      expect(["invalid_request", "invalid_grant"]).toContain(short.body.error);
      const wrong = await tokens().exchangeCode(link.code, freshSecrets().codeVerifier);
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toBe("invalid_grant");
      const right = await tokens().exchangeCode(link.code, link.secrets.codeVerifier);
      expect(right.status).toBe(200);
    });

    it("refuses a verifier longer than 128 characters", async () => {
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      const long = await tokens().exchangeCode(link.code, "a".repeat(129));
      expect(long.status).toBe(400);
    });

    it("requires the same redirect_uri as the authorization request, even with only one registered", async () => {
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      const omitted = await fetch(`${fixture.url}/merchant-authentication-openidconnect/connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code: link.code,
          code_verifier: link.secrets.codeVerifier,
          client_id: CONSOLE_CLIENT.clientId,
          client_secret: CONSOLE_CLIENT.clientSecret,
        }),
      });
      expect(omitted.status).toBe(400);
      const other = await tokens().exchangeCode(link.code, link.secrets.codeVerifier, {
        redirect_uri: "http://localhost:3000/elsewhere",
      });
      expect(other.body.error).toBe("invalid_grant");
      expect((await tokens().exchangeCode(link.code, link.secrets.codeVerifier)).status).toBe(200);
    });

    it("rejects a wrong client secret with invalid_client", async () => {
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      const impostor = new TokenClient(fixture.url, { ...CONSOLE_CLIENT, clientSecret: "wrong" });
      const response = await impostor.exchangeCode(link.code, link.secrets.codeVerifier);
      expect(response.status).toBe(401);
      expect(response.body.error).toBe("invalid_client");
    });

    it("treats a replayed code as theft: the second use fails and what the first use issued is revoked", async () => {
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      const first = await tokens().exchangeCode(link.code, link.secrets.codeVerifier);
      expect(first.status).toBe(200);
      const replay = await tokens().exchangeCode(link.code, link.secrets.codeVerifier);
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe("invalid_grant");
      const refresh = await tokens().refresh(first.body.refresh_token ?? "");
      expect(refresh.status).toBe(400);
      expect(refresh.body.error).toBe("invalid_grant");
      const grant = (await control.state()).grants.find((candidate) => candidate.revokedBy === "code-replay");
      expect(grant?.merchantId).toBe(BO.merchant.id);
    });

    it("expires codes after five minutes", async () => {
      const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
      // Only Date is faked: the sandbox shares this process, and its timers must keep running.
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(Date.now() + 301_000);
        const late = await tokens().exchangeCode(link.code, link.secrets.codeVerifier);
        expect(late.status).toBe(400);
        expect(late.body.error).toBe("invalid_grant");
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
