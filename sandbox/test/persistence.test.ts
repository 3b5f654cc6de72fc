import { readFile } from "node:fs/promises";
import path from "node:path";

import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSandbox } from "../app";
import { callApi, INVOICE_ME } from "./support/api-client";
import { Browser } from "./support/browser";
import { ControlClient } from "./support/control-client";
import {
  authorizationUrl,
  isLoginPage,
  isVagueErrorPage,
  linkAndRedeem,
  type LinkedTokens,
} from "./support/hybrid-flow";
import { BO, CONSOLE_CLIENT, startTestSandbox, testSandboxOptions, type TestSandbox } from "./support/test-sandbox";
import { TokenClient } from "./support/token-client";

describe("a restarted sandbox", () => {
  let fixture: TestSandbox;
  let linked: LinkedTokens;
  let kidBefore: string | undefined;
  let invoiceId: string;

  beforeAll(async () => {
    fixture = await startTestSandbox();
    linked = await linkAndRedeem(fixture.url, { client: CONSOLE_CLIENT, email: BO.email, password: BO.password });
    kidBefore = decodeProtectedHeader(linked.accessToken).kid;
    const created = await callApi<{ InvoiceId: string }>(
      fixture.url,
      linked.accessToken,
      "POST",
      `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/invoices`,
      {
        InvoiceIssuer: "12b4a962-038f-4c19-b39f-684300345d32",
        ConsumerAlias: { Alias: "+4512345678", AliasType: "Phone" },
        TotalAmount: 100,
        InvoiceNumber: "persist-1",
        DueDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
        InvoiceArticles: [{ ArticleDescription: "Bread" }],
      },
    );
    expect(created.status).toBe(200);
    invoiceId = created.body.InvoiceId;
    await fixture.restart();
  });
  afterAll(async () => fixture.stop());

  it("keeps its signing key, so tokens issued before the restart still verify", async () => {
    expect((await callApi(fixture.url, linked.accessToken, "GET", INVOICE_ME)).status).toBe(200);
    const stored = JSON.parse(await readFile(path.join(fixture.dataDir, "signing-keys.json"), "utf8")) as {
      keys: { jwk: { kid: string } }[];
    };
    expect(stored.keys.map((key) => key.jwk.kid)).toContain(kidBefore);
  });

  it("keeps grants and refresh tokens", async () => {
    const refreshed = await new TokenClient(fixture.url, CONSOLE_CLIENT).refresh(linked.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(decodeProtectedHeader(refreshed.body.access_token ?? "").kid).toBe(kidBefore);
    expect(
      (await new ControlClient(fixture.url).state()).grants.some((grant) => grant.merchantId === BO.merchant.id),
    ).toBe(true);
  });

  it("keeps the merchant portal session and the OP session, so consent is not asked again", async () => {
    const again = await linkAndRedeem(fixture.url, {
      client: CONSOLE_CLIENT,
      email: BO.email,
      password: BO.password,
      browser: linked.browser,
    });
    expect(again.sawConsentScreen).toBe(false);
  });

  it("keeps remembering used nonces", async () => {
    const page = await new Browser(fixture.url).get(
      authorizationUrl(fixture.url, { client: CONSOLE_CLIENT }, linked.secrets),
    );
    expect(isVagueErrorPage(page)).toBe(true);
    const fresh = await new Browser(fixture.url).get(
      authorizationUrl(fixture.url, { client: CONSOLE_CLIENT }, { ...linked.secrets, nonce: "a-new-nonce-value" }),
    );
    expect(isLoginPage(fresh)).toBe(true);
  });

  it("keeps API data", async () => {
    const status = await callApi<{ Status: string }>(
      fixture.url,
      linked.accessToken,
      "GET",
      `/invoice-restapi/api/v1/merchants/${BO.merchant.id}/invoices/${invoiceId}/status`,
    );
    expect(status.status).toBe(200);
    expect(status.body.Status).toBe("created");
  });

  it("refuses to start on a port that is taken, with a clear message", async () => {
    const port = Number(new URL(fixture.url).port);
    await expect(startSandbox(testSandboxOptions(fixture.dataDir, { port }))).rejects.toThrow(
      `port ${port} on 127.0.0.1 is in use — is another sandbox running?`,
    );
  });
});
