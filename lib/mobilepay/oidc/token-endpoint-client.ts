import "server-only";

import { z } from "zod";

import { boundedRequest, BoundedRequestError, describeUrl, parseDateHeader, type FetchLike } from "./bounded-request";

/**
 * How the caller should react: retry later (transient), stop using this grant (terminal), fix the environment's
 * client settings (configuration), or treat the OP's answer as broken (invalid_response).
 */
export type TokenEndpointErrorKind = "transient" | "terminal" | "invalid_response" | "configuration";

export class TokenEndpointError extends Error {
  readonly kind: TokenEndpointErrorKind;
  readonly oauthError?: string;
  readonly status?: number;
  /** Precise and free of secrets: safe for logs and the staff-facing record. */
  readonly reason: string;

  constructor(details: { kind: TokenEndpointErrorKind; reason: string; oauthError?: string; status?: number }) {
    super(details.reason);
    this.name = "TokenEndpointError";
    this.kind = details.kind;
    this.reason = details.reason;
    if (details.oauthError !== undefined) this.oauthError = details.oauthError;
    if (details.status !== undefined) this.status = details.status;
  }
}

export type ClientAuthenticationMethod = "client_secret_post" | "client_secret_basic";

type ClientCredentials = {
  clientId: string;
  clientSecret: string;
  /** MobilePay documents client_secret_post; basic is offered by its discovery too. */
  clientAuthentication?: ClientAuthenticationMethod;
  fetch?: FetchLike;
  timeoutMs?: number;
};

export type ExchangeCodeOptions = ClientCredentials & {
  tokenEndpoint: string;
  code: string;
  /** Must be byte-identical to the redirect_uri sent to the authorization endpoint. */
  redirectUri: string;
  codeVerifier: string;
};

export type RefreshTokensOptions = ClientCredentials & { tokenEndpoint: string; refreshToken: string };

export type RevokeTokenOptions = ClientCredentials & {
  revocationEndpoint: string;
  token: string;
  tokenTypeHint: "refresh_token" | "access_token";
};

export type TokenResponse = {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  refreshToken?: string;
  idToken?: string;
  scope?: string;
};

/** Timing and the OP's own clock, for the record and for measuring clock skew. */
export type ExchangeMetadata = { status: number; durationMs: number; dateHeader?: Date };

export type TokenEndpointResult = TokenResponse & ExchangeMetadata;

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

const oauthErrorSchema = z.looseObject({ error: z.string().min(1), error_description: z.string().optional() });

/** RFC 6749 §5.2 codes that mean the environment's client settings are wrong, not this merchant's grant. */
const CONFIGURATION_ERRORS = new Set([
  "invalid_client",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_request",
  "invalid_scope",
  "unsupported_token_type",
]);

export async function exchangeCode(options: ExchangeCodeOptions): Promise<TokenEndpointResult> {
  requireEndpoint(options.tokenEndpoint, "token endpoint");
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.codeVerifier,
  });
  const response = await post(options.tokenEndpoint, form, options, [
    options.code,
    options.codeVerifier,
    options.clientSecret,
  ]);
  return { ...parseTokenResponse(response.bodyText, response.status), ...metadataOf(response) };
}

/** No code_verifier: every MobilePay refresh example omits it, despite one docs sentence saying otherwise. */
export async function refreshTokens(options: RefreshTokensOptions): Promise<TokenEndpointResult> {
  requireEndpoint(options.tokenEndpoint, "token endpoint");
  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: options.refreshToken });
  const response = await post(options.tokenEndpoint, form, options, [options.refreshToken, options.clientSecret]);
  return { ...parseTokenResponse(response.bodyText, response.status), ...metadataOf(response) };
}

/** RFC 7009: a 200 means the token is no longer usable, including when the OP never knew it. */
export async function revokeToken(options: RevokeTokenOptions): Promise<ExchangeMetadata> {
  requireEndpoint(options.revocationEndpoint, "revocation endpoint");
  const form = new URLSearchParams({ token: options.token, token_type_hint: options.tokenTypeHint });
  const response = await post(options.revocationEndpoint, form, options, [options.token, options.clientSecret]);
  return metadataOf(response);
}

type PostedResponse = { status: number; bodyText: string; durationMs: number; headers: Headers };

function metadataOf(response: PostedResponse): ExchangeMetadata {
  const dateHeader = parseDateHeader(response.headers);
  return {
    status: response.status,
    durationMs: response.durationMs,
    ...(dateHeader === undefined ? {} : { dateHeader }),
  };
}

/** Credentials go only to https endpoints, except the loopback sandbox OP. */
function requireEndpoint(endpoint: string, label: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TokenEndpointError({ kind: "configuration", reason: `The ${label} is not an absolute URL` });
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new TokenEndpointError({
      kind: "configuration",
      reason: `The ${label} ${describeUrl(endpoint)} is not https; client secrets are only sent over TLS`,
    });
  }
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before Base64, so reserved characters survive. */
function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64")}`;
}

async function post(
  endpoint: string,
  form: URLSearchParams,
  credentials: ClientCredentials,
  secretsInRequest: readonly string[],
): Promise<PostedResponse> {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (credentials.clientAuthentication === "client_secret_basic") {
    headers.authorization = basicAuthorization(credentials.clientId, credentials.clientSecret);
  } else {
    form.set("client_id", credentials.clientId);
    form.set("client_secret", credentials.clientSecret);
  }
  const target = describeUrl(endpoint);
  let response: PostedResponse;
  try {
    response = await boundedRequest({
      url: endpoint,
      // A redirect would re-send the secret to wherever the Location points.
      init: { method: "POST", headers, body: form.toString(), redirect: "manual", cache: "no-store" },
      fetch: credentials.fetch,
      timeoutMs: credentials.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBodyBytes: MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    if (error instanceof BoundedRequestError) {
      if (error.kind === "too_large") {
        throw new TokenEndpointError({ kind: "invalid_response", reason: error.message, status: error.status });
      }
      throw new TokenEndpointError({ kind: "transient", reason: error.message });
    }
    throw new TokenEndpointError({ kind: "transient", reason: `Could not reach ${target}` });
  }
  if (response.status >= 200 && response.status < 300) return response;
  throw classifyFailure(response, target, secretsInRequest);
}

function classifyFailure(
  response: PostedResponse,
  target: string,
  secretsInRequest: readonly string[],
): TokenEndpointError {
  const { status } = response;
  const oauth = parseOAuthError(response.bodyText);
  const said =
    oauth === undefined ? "" : ` with "${oauth.error}"${describeOpText(oauth.description, secretsInRequest)}`;
  const base = { status, ...(oauth === undefined ? {} : { oauthError: oauth.error }) };

  if (status === 429 || status >= 500) {
    return new TokenEndpointError({
      ...base,
      kind: "transient",
      reason: `${target} answered HTTP ${status}${said}; retry later`,
    });
  }
  if (status >= 300 && status < 400) {
    return new TokenEndpointError({
      ...base,
      kind: "configuration",
      reason: `${target} answered with a redirect (HTTP ${status}); the endpoint URL is probably outdated`,
    });
  }
  if (oauth === undefined) {
    return new TokenEndpointError({
      status,
      kind: status === 401 ? "configuration" : "invalid_response",
      reason:
        status === 401
          ? `${target} answered HTTP 401 without an OAuth error; the client credentials were probably rejected`
          : `${target} answered HTTP ${status} without an OAuth error body`,
    });
  }
  if (oauth.error === "invalid_grant") {
    return new TokenEndpointError({
      ...base,
      kind: "terminal",
      reason: `${target} refused the grant (HTTP ${status})${said}: it is expired, revoked, already used or was rotated`,
    });
  }
  if (CONFIGURATION_ERRORS.has(oauth.error)) {
    return new TokenEndpointError({
      ...base,
      kind: "configuration",
      reason: `${target} rejected the request (HTTP ${status})${said}; check client id, secret, redirect URI and scopes`,
    });
  }
  return new TokenEndpointError({ ...base, kind: "terminal", reason: `${target} answered HTTP ${status}${said}` });
}

function parseOAuthError(bodyText: string): { error: string; description?: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  const parsed = oauthErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const error = parsed.data.error.replace(/[^\x20-\x7E]/g, "?").slice(0, 64);
  return parsed.data.error_description === undefined
    ? { error }
    : { error, description: parsed.data.error_description };
}

/**
 * The OP's error_description helps staff, but an OP might echo what we sent; anything we sent is blanked out
 * before the text reaches an error message.
 */
function describeOpText(description: string | undefined, secretsInRequest: readonly string[]): string {
  if (description === undefined || description === "") return "";
  let text = description.replace(/[^\x20-\x7E]/g, " ");
  for (const secret of secretsInRequest) {
    if (secret.length > 0) text = text.split(secret).join("[redacted]");
  }
  return ` (${text.length > 200 ? `${text.slice(0, 200)}…` : text})`;
}

/** Maps the wire format to ours; names the offending fields, never their values. */
function parseTokenResponse(bodyText: string, status: number): TokenResponse {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw new TokenEndpointError({
      kind: "invalid_response",
      status,
      reason: `The token response is not JSON (${bodyText.length} characters)`,
    });
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) {
    const received = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const fields = parsed.error.issues.map((issue) => {
      const field = issue.path.join(".") || "body";
      const key = issue.path[0];
      return typeof key === "string" && received[key] === undefined ? `${field} missing` : `${field} invalid`;
    });
    throw new TokenEndpointError({
      kind: "invalid_response",
      status,
      reason: `The token response is incomplete or mistyped: ${fields.join(", ")}`,
    });
  }
  const data = parsed.data;
  return {
    accessToken: data.access_token,
    tokenType: data.token_type,
    expiresIn: data.expires_in,
    ...(data.refresh_token === undefined ? {} : { refreshToken: data.refresh_token }),
    ...(data.id_token === undefined ? {} : { idToken: data.id_token }),
    ...(data.scope === undefined ? {} : { scope: data.scope }),
  };
}
