import { createHash, randomBytes } from "node:crypto";

import { Browser, formsOf, type Page } from "./browser";
import type { TestClient } from "./test-sandbox";

export interface AuthorizationRequest {
  client: TestClient;
  scope?: string;
  merchantVat?: string;
  responseMode?: "form_post" | "fragment";
  /** Parameters to override or, with undefined, to leave out. */
  overrides?: Record<string, string | undefined>;
}

export interface PkceAndNonce {
  state: string;
  nonce: string;
  codeVerifier: string;
  codeChallenge: string;
}

export interface AuthorizationResponse {
  params: URLSearchParams;
  /** Where the response was sent: the form action, or the fragment redirect's target. */
  target: string;
}

export function freshSecrets(verifierBytes = 32): PkceAndNonce {
  const codeVerifier = randomBytes(verifierBytes).toString("base64url");
  return {
    state: randomBytes(16).toString("hex"),
    nonce: randomBytes(16).toString("hex"),
    codeVerifier,
    codeChallenge: createHash("sha256").update(codeVerifier).digest("base64url"),
  };
}

export function authorizationUrl(baseUrl: string, request: AuthorizationRequest, secrets: PkceAndNonce): string {
  const params: Record<string, string | undefined> = {
    response_type: "code id_token",
    response_mode: request.responseMode ?? "form_post",
    client_id: request.client.clientId,
    redirect_uri: request.client.redirectUri,
    scope: request.scope ?? "openid offline_access invoice subscriptions",
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: secrets.codeChallenge,
    code_challenge_method: "S256",
    merchant_vat: request.merchantVat,
    ...request.overrides,
  };
  const url = new URL("/account/connect/authorize", baseUrl);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

/** Reads what the OP sends back to the client, from a form_post page or a fragment redirect. */
export function authorizationResponseOf(page: Page): AuthorizationResponse | undefined {
  if (page.status === 0) {
    const url = new URL(page.url);
    return { params: new URLSearchParams(url.hash.slice(1)), target: `${url.origin}${url.pathname}` };
  }
  const form = formsOf(page.html).find((candidate) => candidate.method === "POST" && candidate.fields.has("state"));
  return form ? { params: form.fields, target: form.action } : undefined;
}

export function isLoginPage(page: Page): boolean {
  return page.status === 200 && page.html.includes('name="password"');
}

export function isConsentPage(page: Page): boolean {
  return page.status === 200 && page.html.includes(">Allow</button>");
}

export function isVagueErrorPage(page: Page): boolean {
  return page.status === 400 && page.html.includes("Sorry, something went wrong");
}

export interface LinkOptions extends AuthorizationRequest {
  email: string;
  password: string;
  browser?: Browser;
  secrets?: PkceAndNonce;
}

export interface LinkResult {
  browser: Browser;
  secrets: PkceAndNonce;
  response: AuthorizationResponse;
  code: string;
  idToken: string;
  sawConsentScreen: boolean;
}

/** Runs the whole hybrid flow as a merchant user would, and returns what the client receives. */
export async function linkMerchant(baseUrl: string, options: LinkOptions): Promise<LinkResult> {
  const browser = options.browser ?? new Browser(baseUrl);
  const secrets = options.secrets ?? freshSecrets();
  let page = await browser.get(authorizationUrl(baseUrl, options, secrets));
  if (isLoginPage(page))
    page = await browser.submit(page, "/login", { email: options.email, password: options.password });
  const sawConsentScreen = isConsentPage(page);
  if (sawConsentScreen) page = await browser.submit(page, "/consent");
  const response = authorizationResponseOf(page);
  const code = response?.params.get("code");
  const idToken = response?.params.get("id_token");
  if (!response || !code || !idToken) {
    throw new Error(
      `The flow ended without code and id_token (status ${page.status} at ${page.url}): ${page.html.slice(0, 400)}`,
    );
  }
  return { browser, secrets, response, code, idToken, sawConsentScreen };
}

export interface LinkedTokens extends LinkResult {
  accessToken: string;
  refreshToken: string;
  idTokenFromTokenEndpoint: string;
}

/** Links a merchant and redeems the code, as the console does when a link completes. */
export async function linkAndRedeem(baseUrl: string, options: LinkOptions): Promise<LinkedTokens> {
  const { TokenClient } = await import("./token-client");
  const link = await linkMerchant(baseUrl, options);
  const tokens = await new TokenClient(baseUrl, options.client).exchangeCode(link.code, link.secrets.codeVerifier);
  const { access_token: accessToken, refresh_token: refreshToken, id_token: idTokenFromTokenEndpoint } = tokens.body;
  if (tokens.status !== 200 || !accessToken || !refreshToken || !idTokenFromTokenEndpoint) {
    throw new Error(`Code exchange failed: ${tokens.status} ${JSON.stringify(tokens.body)}`);
  }
  return { ...link, accessToken, refreshToken, idTokenFromTokenEndpoint };
}
