import type { TestClient } from "./test-sandbox";

export interface TokenResponse {
  status: number;
  body: Record<string, unknown> & {
    access_token?: string;
    id_token?: string;
    refresh_token?: string;
    expires_in?: number;
    token_type?: string;
    error?: string;
  };
}

export type ClientAuthentication = "client_secret_post" | "client_secret_basic";

async function postForm(
  url: string,
  client: TestClient,
  fields: Record<string, string>,
  authentication: ClientAuthentication,
): Promise<Response> {
  const body = new URLSearchParams(fields);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (authentication === "client_secret_post") {
    body.set("client_id", client.clientId);
    body.set("client_secret", client.clientSecret);
  } else {
    const credentials = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
  }
  return fetch(url, { method: "POST", headers, body });
}

async function asTokenResponse(response: Response): Promise<TokenResponse> {
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as TokenResponse["body"]) : {} };
}

export class TokenClient {
  constructor(
    private readonly baseUrl: string,
    readonly client: TestClient,
    private readonly authentication: ClientAuthentication = "client_secret_post",
  ) {}

  private endpoint(path: string): string {
    return new URL(`/merchant-authentication-openidconnect/connect/${path}`, this.baseUrl).href;
  }

  async exchangeCode(
    code: string,
    codeVerifier: string,
    overrides: Record<string, string> = {},
  ): Promise<TokenResponse> {
    return asTokenResponse(
      await postForm(
        this.endpoint("token"),
        this.client,
        {
          grant_type: "authorization_code",
          code,
          code_verifier: codeVerifier,
          redirect_uri: this.client.redirectUri,
          ...overrides,
        },
        this.authentication,
      ),
    );
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    return asTokenResponse(
      await postForm(
        this.endpoint("token"),
        this.client,
        { grant_type: "refresh_token", refresh_token: refreshToken },
        this.authentication,
      ),
    );
  }

  async revoke(token: string, tokenTypeHint?: string): Promise<number> {
    const fields: Record<string, string> = { token };
    if (tokenTypeHint) fields.token_type_hint = tokenTypeHint;
    const response = await postForm(this.endpoint("revocation"), this.client, fields, this.authentication);
    await response.arrayBuffer();
    return response.status;
  }

  async introspect(token: string): Promise<Record<string, unknown>> {
    const response = await postForm(this.endpoint("introspect"), this.client, { token }, this.authentication);
    return (await response.json()) as Record<string, unknown>;
  }
}
