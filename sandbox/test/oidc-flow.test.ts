import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ControlClient } from "./support/control-client";
import { Browser } from "./support/browser";
import { authorizationUrl, freshSecrets, isConsentPage, isLoginPage, linkMerchant } from "./support/hybrid-flow";
import { claimsOf, discoveryUrl, halfHash, jwksFor, verifyIdToken } from "./support/jwt-checks";
import { ANNA, BO, CONSOLE_CLIENT, startTestSandbox, type TestSandbox } from "./support/test-sandbox";
import { TokenClient } from "./support/token-client";

const API_AUDIENCE = "https://api.mobilepay.dk/merchant/resources";

describe("the sandbox OpenID Provider", () => {
  let fixture: TestSandbox;
  let control: ControlClient;

  beforeAll(async () => {
    fixture = await startTestSandbox();
    control = new ControlClient(fixture.url);
  });
  afterAll(async () => fixture.stop());

  it("publishes MobilePay's discovery document on both discovery paths, without userinfo", async () => {
    const response = await fetch(discoveryUrl(fixture.url));
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(`${fixture.url}/merchant`);
    expect(discovery.authorization_endpoint).toBe(`${fixture.url}/account/connect/authorize`);
    expect(discovery.token_endpoint).toBe(`${fixture.url}/merchant-authentication-openidconnect/connect/token`);
    expect(discovery.jwks_uri).toBe(
      `${fixture.url}/merchant-authentication-openidconnect/.well-known/openid-configuration/jwks`,
    );
    expect(discovery.revocation_endpoint).toBe(
      `${fixture.url}/merchant-authentication-openidconnect/connect/revocation`,
    );
    expect(discovery.introspection_endpoint).toBe(
      `${fixture.url}/merchant-authentication-openidconnect/connect/introspect`,
    );
    expect(discovery.end_session_endpoint).toBe(`${fixture.url}/account/connect/endsession`);
    expect(discovery).not.toHaveProperty("userinfo_endpoint");
    expect(discovery.response_types_supported).toContain("code id_token");
    expect(discovery.response_modes_supported).toEqual(["query", "form_post"]);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(["RS256"]);
    expect(discovery.claims_supported).toEqual(["sub", "merchant_id", "merchant_vat"]);
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post"]);

    const portalDiscovery = await (await fetch(`${fixture.url}/account/.well-known/openid-configuration`)).json();
    expect(portalDiscovery).toEqual(discovery);
    expect((await fetch(`${fixture.url}/.well-known/openid-configuration`)).status).toBe(404);
    expect((await fetch(`${fixture.url}/me`)).status).toBe(404);
  });

  it("runs the hybrid flow with form_post and issues MobilePay-shaped tokens", async () => {
    const link = await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    expect(link.sawConsentScreen).toBe(true);
    expect(link.response.target).toBe(CONSOLE_CLIENT.redirectUri);
    expect(link.response.params.get("state")).toBe(link.secrets.state);

    const frontChannel = await verifyIdToken(
      fixture.url,
      fixture.sandbox.issuer,
      link.idToken,
      CONSOLE_CLIENT.clientId,
    );
    expect(frontChannel).toMatchObject({
      sub: BO.id,
      nonce: link.secrets.nonce,
      c_hash: halfHash(link.code),
      merchant_id: BO.merchant.id,
      merchant_vat: BO.merchant.vat,
      idp: "local",
    });
    expect(frontChannel).not.toHaveProperty("at_hash");
    expect(frontChannel.auth_time).toBeTypeOf("number");
    expect(frontChannel.amr).toEqual(["UserEnteredCode", "ServerProvidedKey"]);
    expect((frontChannel.exp ?? 0) - (frontChannel.iat ?? 0)).toBe(300);

    const tokens = await new TokenClient(fixture.url, CONSOLE_CLIENT).exchangeCode(
      link.code,
      link.secrets.codeVerifier,
    );
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    const { access_token: accessToken = "", id_token: idToken = "", refresh_token: refreshToken = "" } = tokens.body;

    const backChannel = await verifyIdToken(fixture.url, fixture.sandbox.issuer, idToken, CONSOLE_CLIENT.clientId);
    expect(backChannel).toMatchObject({
      sub: frontChannel.sub,
      iss: frontChannel.iss,
      nonce: link.secrets.nonce,
      at_hash: halfHash(accessToken),
      merchant_id: BO.merchant.id,
      merchant_vat: BO.merchant.vat,
    });
    expect(backChannel).not.toHaveProperty("c_hash");

    const { payload: access, protectedHeader } = await jwtVerify(accessToken, jwksFor(fixture.url), {
      issuer: fixture.sandbox.issuer,
      audience: API_AUDIENCE,
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(protectedHeader.kid).toMatch(/^[0-9A-F]{40}$/);
    expect(access).toMatchObject({
      client_id: CONSOLE_CLIENT.clientId,
      sub: BO.id,
      merchant_id: BO.merchant.id,
      merchant_vat: BO.merchant.vat,
      scope: ["openid", "offline_access", "invoice", "subscriptions"],
    });
    expect((access.exp ?? 0) - (access.iat ?? 0)).toBe(300);
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const refreshed = await new TokenClient(fixture.url, CONSOLE_CLIENT, "client_secret_basic").refresh(refreshToken);
    expect(refreshed.status).toBe(200);
    const refreshedIdToken = await verifyIdToken(
      fixture.url,
      fixture.sandbox.issuer,
      refreshed.body.id_token ?? "",
      CONSOLE_CLIENT.clientId,
    );
    expect(refreshedIdToken.sub).toBe(BO.id);
    expect(refreshedIdToken).not.toHaveProperty("nonce");
    expect(refreshedIdToken.auth_time).toBe(frontChannel.auth_time);
    expect(refreshedIdToken.merchant_vat).toBe(BO.merchant.vat);
    expect(refreshed.body.refresh_token).not.toBe(refreshToken);
  });

  it("delivers the response in the fragment when asked", async () => {
    const link = await linkMerchant(fixture.url, {
      client: CONSOLE_CLIENT,
      email: BO.email,
      password: BO.password,
      responseMode: "fragment",
    });
    expect(link.response.target).toBe(CONSOLE_CLIENT.redirectUri);
    expect(link.response.params.get("state")).toBe(link.secrets.state);
  });

  it("skips the consent screen while a valid grant exists, and selects the merchant by merchant_vat", async () => {
    const browser = new Browser(fixture.url);
    const first = await linkMerchant(fixture.url, {
      client: CONSOLE_CLIENT,
      email: ANNA.email,
      password: ANNA.password,
      merchantVat: ANNA.finnishMerchant.vat,
      browser,
    });
    expect(first.sawConsentScreen).toBe(true);
    expect(claimsOf(first.idToken)).toMatchObject({ merchant_id: ANNA.finnishMerchant.id, merchant_vat: "FI12345678" });

    const again = await linkMerchant(fixture.url, {
      client: CONSOLE_CLIENT,
      email: ANNA.email,
      password: ANNA.password,
      merchantVat: ANNA.finnishMerchant.vat,
      browser,
    });
    expect(again.sawConsentScreen).toBe(false);
    expect(claimsOf(again.idToken).merchant_id).toBe(ANNA.finnishMerchant.id);

    // The Danish merchant has no consent yet, so the same user sees the screen again.
    const danish = await linkMerchant(fixture.url, {
      client: CONSOLE_CLIENT,
      email: ANNA.email,
      password: ANNA.password,
      merchantVat: ANNA.danishMerchant.vat,
      browser,
    });
    expect(danish.sawConsentScreen).toBe(true);
    const tokens = await new TokenClient(fixture.url, CONSOLE_CLIENT).exchangeCode(
      danish.code,
      danish.secrets.codeVerifier,
    );
    expect(claimsOf(tokens.body.access_token ?? "")).toMatchObject({
      merchant_id: ANNA.danishMerchant.id,
      merchant_vat: "DK12345678",
    });

    const grants = (await control.state()).grants.filter(
      (grant) => grant.merchantId === ANNA.danishMerchant.id || grant.merchantId === ANNA.finnishMerchant.id,
    );
    expect(grants).toHaveLength(2);
  });

  it("lets a user with several merchants pick one when merchant_vat is left out", async () => {
    const browser = new Browser(fixture.url);
    const secrets = freshSecrets();
    let page = await browser.get(
      authorizationUrl(fixture.url, { client: CONSOLE_CLIENT, scope: "openid offline_access subscriptions" }, secrets),
    );
    expect(isLoginPage(page)).toBe(true);
    page = await browser.submit(page, "/login", { email: "ANNA@sandbox.test", password: ANNA.password });
    expect(isConsentPage(page)).toBe(true);
    expect(page.html).toContain("Annas Bageri ApS (DK12345678)");
    expect(page.html).toContain("Annan Leipomo Oy (FI12345678)");
    expect(page.html).toContain("Subscriptions");
    expect(page.html).not.toContain("<li>Invoice</li>");
    page = await browser.submit(page, "/consent", { merchant_id: ANNA.finnishMerchant.id });
    const idToken = new URLSearchParams(
      [...page.html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
    ).get("id_token");
    expect(claimsOf(idToken ?? "").merchant_vat).toBe("FI12345678");
  });

  it("reuses the portal login for the next authorization, unless prompt=login asks for a fresh one", async () => {
    const browser = new Browser(fixture.url);
    await linkMerchant(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password, browser });
    const silent = await browser.get(authorizationUrl(fixture.url, { client: CONSOLE_CLIENT }, freshSecrets()));
    expect(silent.html).toContain('name="code"');
    const forced = await browser.get(
      authorizationUrl(fixture.url, { client: CONSOLE_CLIENT, overrides: { prompt: "login" } }, freshSecrets()),
    );
    expect(isLoginPage(forced)).toBe(true);
  });

  it("lists its test users, their passwords and merchants on the login pages", async () => {
    const browser = new Browser(fixture.url);
    const authorize = await browser.get(authorizationUrl(fixture.url, { client: CONSOLE_CLIENT }, freshSecrets()));
    const portal = await browser.get(`${fixture.url}/account/login`);
    for (const page of [authorize, portal]) {
      expect(isLoginPage(page)).toBe(true);
      expect(page.html).toContain('aria-label="Test users"');
      expect(page.html).toContain("<code>anna@sandbox.test</code>");
      expect(page.html).toContain(`<code>${ANNA.password}</code>`);
      expect(page.html).toContain("Annas Bageri ApS (DK12345678)");
      expect(page.html).toContain("<code>bo@sandbox.test</code>");
    }
  });

  it("rejects a wrong password and keeps the login form", async () => {
    const browser = new Browser(fixture.url);
    let page = await browser.get(authorizationUrl(fixture.url, { client: CONSOLE_CLIENT }, freshSecrets()));
    page = await browser.submit(page, "/login", { email: BO.email, password: "wrong" });
    expect(page.status).toBe(401);
    expect(page.html).toContain("The email or password is not correct.");
    page = await browser.submit(page, "/login", { email: BO.email, password: BO.password });
    expect(isConsentPage(page) || page.html.includes('name="code"')).toBe(true);
  });

  it("posts access_denied back to the client when the merchant cancels", async () => {
    const browser = new Browser(fixture.url);
    const secrets = freshSecrets();
    let page = await browser.get(
      authorizationUrl(
        fixture.url,
        {
          client: CONSOLE_CLIENT,
          merchantVat: ANNA.danishMerchant.vat,
          scope: "openid offline_access webhooks invoice",
        },
        secrets,
      ),
    );
    page = await browser.submit(page, "/login", { email: BO.email, password: BO.password });
    // Bo does not own Anna's VAT: the flow ends on the vague error page.
    expect(page.status).toBe(400);

    const cancelBrowser = new Browser(fixture.url);
    const cancelSecrets = freshSecrets();
    page = await cancelBrowser.get(
      authorizationUrl(fixture.url, { client: CONSOLE_CLIENT, scope: "openid offline_access invoice" }, cancelSecrets),
    );
    page = await cancelBrowser.submit(page, "/login", { email: "mikko@sandbox.test", password: "sandbox-demo" });
    expect(isConsentPage(page)).toBe(true);
    page = await cancelBrowser.submit(page, "/cancel");
    const fields = new URLSearchParams(
      [...page.html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
    );
    expect(page.html).toContain(`action="${CONSOLE_CLIENT.redirectUri}"`);
    expect(fields.get("error")).toBe("access_denied");
    expect(fields.get("state")).toBe(cancelSecrets.state);
    expect(fields.has("code")).toBe(false);
  });
});
