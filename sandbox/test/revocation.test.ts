import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { callApi, INVOICE_ME } from "./support/api-client";
import { Browser } from "./support/browser";
import { ControlClient } from "./support/control-client";
import { linkAndRedeem } from "./support/hybrid-flow";
import { ANNA, BO, CONSOLE_CLIENT, REUSE_CLIENT, startTestSandbox, type TestSandbox } from "./support/test-sandbox";
import { TokenClient } from "./support/token-client";

describe("revoking a merchant's consent", () => {
  let fixture: TestSandbox;
  let control: ControlClient;
  const tokens = () => new TokenClient(fixture.url, CONSOLE_CLIENT);

  beforeAll(async () => {
    fixture = await startTestSandbox();
    control = new ControlClient(fixture.url);
  });
  afterEach(async () => {
    await control.json("PUT", "/control/settings", { rejectRevokedAccessTokensInstantly: false });
  });
  afterAll(async () => fixture.stop());

  it("through RFC 7009: the refresh token dies at once, the access token lives until it expires", async () => {
    const linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    expect(await tokens().revoke(linked.refreshToken, "refresh_token")).toBe(200);

    const refresh = await tokens().refresh(linked.refreshToken);
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe("invalid_grant");

    const stillWorks = await callApi(fixture.url, linked.accessToken, "GET", INVOICE_ME);
    expect(stillWorks.status).toBe(200);
    expect(stillWorks.body).toEqual({ MerchantId: BO.merchant.id });

    const grant = (await control.state()).grants.find((candidate) => candidate.revokedBy === "revocation-endpoint");
    expect(grant?.merchantId).toBe(BO.merchant.id);
  });

  it("with the instant switch on, the revoked grant's access token is refused at once with a bare 401", async () => {
    await control.json("PUT", "/control/settings", { rejectRevokedAccessTokensInstantly: true });
    const linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    expect((await callApi(fixture.url, linked.accessToken, "GET", INVOICE_ME)).status).toBe(200);
    expect(await tokens().revoke(linked.refreshToken)).toBe(200);
    const refused = await callApi(fixture.url, linked.accessToken, "GET", INVOICE_ME);
    expect(refused.status).toBe(401);
    expect(refused.text).toBe("");
  });

  it("refuses to revoke a self-contained (JWT) access token and leaves the grant alone", async () => {
    const linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    expect(await tokens().revoke(linked.accessToken, "access_token")).toBe(400);
    expect((await tokens().refresh(linked.refreshToken)).status).toBe(200);
  });

  it("another client cannot revoke the console's refresh token", async () => {
    const linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    await new TokenClient(fixture.url, REUSE_CLIENT).revoke(linked.refreshToken);
    expect((await tokens().refresh(linked.refreshToken)).status).toBe(200);
  });

  it("through the portal's Integrations page, by the merchant user", async () => {
    const browser = new Browser(fixture.url);
    const linked = await linkAndRedeem(fixture.url, {
      client: CONSOLE_CLIENT,
      email: ANNA.email,
      password: ANNA.password,
      merchantVat: ANNA.danishMerchant.vat,
      browser,
    });

    // The authorize login also signed Anna in to the portal.
    let page = await browser.get("/account/integrations");
    expect(page.status).toBe(200);
    expect(page.html).toContain("MobilePay Link Console");
    expect(page.html).toContain("DK12345678");
    expect(page.html).toContain("Invoice, Subscriptions");

    page = await browser.submit(page, "/revoke");
    expect(page.html).toContain("The integrator no longer has access.");
    expect(page.html).toContain("No integrators have access");

    const refresh = await tokens().refresh(linked.refreshToken);
    expect(refresh.body.error).toBe("invalid_grant");
    expect((await callApi(fixture.url, linked.accessToken, "GET", INVOICE_ME)).status).toBe(200);
    const grant = (await control.state()).grants.find((candidate) => candidate.merchantId === ANNA.danishMerchant.id);
    expect(grant?.revokedBy).toBe("portal");
  });

  it("asks for a portal login first, and a merchant user cannot revoke another merchant's grant", async () => {
    const linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    const grantId = (await control.state()).grants
      .filter((grant) => grant.merchantId === BO.merchant.id && grant.revokedAt === null)
      .at(-1)?.grantId;

    const anonymous = new Browser(fixture.url);
    expect((await anonymous.get("/account/integrations")).url).toContain("/account/login");

    const anna = new Browser(fixture.url);
    let page = await anna.get("/account/login");
    page = await anna.submit(page, "/account/login", { email: ANNA.email, password: ANNA.password });
    expect(page.url).toContain("/account/integrations");
    expect(page.html).not.toContain("DK87654321");
    await anna.post(`/account/integrations/${grantId}/revoke`, new URLSearchParams());
    expect((await tokens().refresh(linked.refreshToken)).status).toBe(200);
  });

  it("the control API revokes every grant of a merchant", async () => {
    const linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    const result = await control.json<{ revokedGrantIds: string[] }>("POST", "/control/grants/revoke", {
      merchantId: BO.merchant.id,
    });
    expect(result.revokedGrantIds.length).toBeGreaterThan(0);
    expect((await tokens().refresh(linked.refreshToken)).body.error).toBe("invalid_grant");
  });

  it("the control API expires a merchant's access tokens now; a refreshed one works", async () => {
    const linked = await linkAndRedeem(fixture.url, {
      client: CONSOLE_CLIENT,
      email: ANNA.email,
      password: ANNA.password,
      merchantVat: ANNA.finnishMerchant.vat,
    });
    const other = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    const result = await control.json<{ expiredTokens: number }>(
      "POST",
      `/control/merchants/${ANNA.finnishMerchant.id}/expire-access-tokens`,
    );
    expect(result.expiredTokens).toBeGreaterThanOrEqual(1);

    const refused = await callApi(fixture.url, linked.accessToken, "GET", INVOICE_ME);
    expect(refused.status).toBe(401);
    expect(refused.text).toBe("");
    expect((await callApi(fixture.url, other.accessToken, "GET", INVOICE_ME)).status).toBe(200);

    const refreshed = await tokens().refresh(linked.refreshToken);
    expect((await callApi(fixture.url, refreshed.body.access_token, "GET", INVOICE_ME)).status).toBe(200);
    expect(
      (await control.call("POST", "/control/merchants/00000000-0000-4000-8000-000000000000/expire-access-tokens"))
        .status,
    ).toBe(404);
  });
});
