import { z } from "zod";

import { boundedRequest, BoundedRequestError, describeUrl, type FetchLike } from "./bounded-request";

const httpUrl = z.string().refine((value) => URL.canParse(value), "is not an absolute URL");

/** OIDC Discovery 1.0 §3 fields the console relies on; anything else the OP publishes is kept untyped. */
const metadataSchema = z.looseObject({
  issuer: z.string().min(1),
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  jwks_uri: httpUrl,
  revocation_endpoint: httpUrl.optional(),
  introspection_endpoint: httpUrl.optional(),
  end_session_endpoint: httpUrl.optional(),
  userinfo_endpoint: httpUrl.optional(),
  response_types_supported: z.array(z.string()),
  response_modes_supported: z.array(z.string()).optional(),
  grant_types_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
  claims_supported: z.array(z.string()).optional(),
  subject_types_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
});

export type DiscoveryMetadata = z.infer<typeof metadataSchema>;

export type DiscoveryFinding = {
  level: "pass" | "warn" | "fail";
  check: string;
  message: string;
  fix: string;
};

export type DiscoveryResult = {
  metadata: DiscoveryMetadata;
  findings: DiscoveryFinding[];
  /** False when any finding is "fail": the configuration must not be used for sign-ins. */
  usable: boolean;
};

export type DiscoveryErrorKind =
  "unreachable" | "timeout" | "http_status" | "too_large" | "not_json" | "invalid_metadata";

export class DiscoveryError extends Error {
  constructor(
    readonly kind: DiscoveryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "DiscoveryError";
  }
}

export type FetchDiscoveryOptions = {
  discoveryUrl: string;
  /** Pinned per environment: discovery does not get to choose who issues our tokens. */
  expectedIssuer: string;
  /** Hosts (host or host:port) the endpoints may live on; omitted means any host. */
  allowedEndpointHosts?: string[];
  fetch?: FetchLike;
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 5_000;
const MAX_DISCOVERY_BYTES = 128 * 1024;

/** Loopback hosts may use plain HTTP: the built-in sandbox OP runs there. */
const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Fetches and validates the OP's discovery document. Transport and format problems throw DiscoveryError; policy
 * problems (wrong issuer, missing hybrid support, foreign hosts) are returned as findings so staff see all of them.
 */
export async function fetchDiscovery(options: FetchDiscoveryOptions): Promise<DiscoveryResult> {
  const source = describeUrl(options.discoveryUrl);
  const body = await downloadJson(options, source);
  const parsed = metadataSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "document"} ${issueText(issue)}`);
    throw new DiscoveryError("invalid_metadata", `${source} is not valid OpenID metadata: ${problems.join("; ")}`);
  }
  const findings = assessDiscovery(parsed.data, options);
  return { metadata: parsed.data, findings, usable: findings.every((finding) => finding.level !== "fail") };
}

function issueText(issue: z.core.$ZodIssue): string {
  return issue.code === "invalid_type" ? `is missing or not a ${issue.expected}` : issue.message;
}

async function downloadJson(options: FetchDiscoveryOptions, source: string): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let bodyText: string;
  try {
    const response = await boundedRequest({
      url: options.discoveryUrl,
      init: { method: "GET", headers: { accept: "application/json" } },
      fetch: options.fetch,
      timeoutMs,
      maxBodyBytes: MAX_DISCOVERY_BYTES,
    });
    if (response.status !== 200) {
      throw new DiscoveryError(
        "http_status",
        `${source} answered HTTP ${response.status}; check the discovery URL for this environment`,
        response.status,
      );
    }
    bodyText = response.bodyText;
  } catch (error) {
    if (error instanceof DiscoveryError) throw error;
    if (error instanceof BoundedRequestError) {
      const kind = error.kind === "network" ? "unreachable" : error.kind;
      throw new DiscoveryError(kind, `Discovery failed: ${error.message}`);
    }
    throw new DiscoveryError("unreachable", `Discovery failed: could not reach ${source}`);
  }
  try {
    return JSON.parse(bodyText) as unknown;
  } catch {
    throw new DiscoveryError(
      "not_json",
      `${source} did not answer with JSON (is it the discovery URL, or an HTML error page?)`,
    );
  }
}

function pass(check: string, message: string): DiscoveryFinding {
  return { level: "pass", check, message, fix: "" };
}

/** Every policy the console applies to a discovery document, one finding per rule. */
export function assessDiscovery(metadata: DiscoveryMetadata, options: FetchDiscoveryOptions): DiscoveryFinding[] {
  return [
    ...assessIssuer(metadata, options),
    assessResponseType(metadata),
    assessResponseMode(metadata),
    assessSigningAlg(metadata),
    assessPkce(metadata),
    ...assessEndpoints(metadata, options.allowedEndpointHosts),
    assessUserinfo(metadata),
  ];
}

function assessIssuer(metadata: DiscoveryMetadata, options: FetchDiscoveryOptions): DiscoveryFinding[] {
  if (metadata.issuer !== options.expectedIssuer) {
    return [
      {
        level: "fail",
        check: "issuer",
        message: `discovered issuer mismatch: the document says "${metadata.issuer}", the environment expects "${options.expectedIssuer}"`,
        fix: "Check that the discovery URL and the expected issuer belong to the same environment (sandbox vs production, DK vs FI).",
      },
    ];
  }
  const findings = [pass("issuer", `issuer is "${metadata.issuer}" as configured`)];
  const issuerHost = hostOf(metadata.issuer);
  const discoveryHost = hostOf(options.discoveryUrl);
  if (issuerHost !== discoveryHost) {
    findings.push({
      level: "warn",
      check: "issuer_host",
      message: `the issuer host (${issuerHost ?? "not a URL"}) differs from the discovery host (${discoveryHost ?? "?"})`,
      fix: "Expected for MobilePay, whose issuer https://api.mobilepay.dk/merchant differs from its admin and API hosts; libraries that require them to match must have that check relaxed, while the issuer stays pinned.",
    });
  }
  return findings;
}

function assessResponseType(metadata: DiscoveryMetadata): DiscoveryFinding {
  const supported = metadata.response_types_supported.some(
    (value) => value.split(" ").sort().join(" ") === "code id_token",
  );
  return supported
    ? pass("response_type", 'response_type "code id_token" (hybrid flow) is supported')
    : {
        level: "fail",
        check: "response_type",
        message: `response_types_supported (${metadata.response_types_supported.join(", ")}) lacks "code id_token"`,
        fix: "The console links merchants with the hybrid flow only; confirm the discovery URL points at MobilePay's merchant authentication.",
      };
}

function assessResponseMode(metadata: DiscoveryMetadata): DiscoveryFinding {
  if (metadata.response_modes_supported === undefined) {
    return {
      level: "warn",
      check: "response_mode",
      message: "response_modes_supported is not published, so form_post support cannot be confirmed",
      fix: "Run a test link in this environment; if the callback never arrives as a POST, the OP does not support form_post.",
    };
  }
  return metadata.response_modes_supported.includes("form_post")
    ? pass("response_mode", "form_post is supported")
    : {
        level: "warn",
        check: "response_mode",
        message: `response_modes_supported (${metadata.response_modes_supported.join(", ")}) lacks form_post`,
        fix: "MobilePay documents form_post; if it is really missing, ask MobilePay developer support before linking merchants.",
      };
}

function assessSigningAlg(metadata: DiscoveryMetadata): DiscoveryFinding {
  return metadata.id_token_signing_alg_values_supported.includes("RS256")
    ? pass("id_token_signing_alg", "RS256 id_token signatures are supported")
    : {
        level: "fail",
        check: "id_token_signing_alg",
        message: `id_token_signing_alg_values_supported (${metadata.id_token_signing_alg_values_supported.join(", ")}) lacks RS256`,
        fix: "The console only accepts RS256 id_tokens; this document is not MobilePay's or MobilePay changed its keys.",
      };
}

function assessPkce(metadata: DiscoveryMetadata): DiscoveryFinding {
  const methods = metadata.code_challenge_methods_supported;
  if (methods === undefined) {
    return {
      level: "warn",
      check: "pkce",
      message: "code_challenge_methods_supported is not published; S256 support is assumed",
      fix: "The console always sends S256 PKCE; a test link will show whether the OP accepts it.",
    };
  }
  return methods.includes("S256")
    ? pass("pkce", "PKCE S256 is supported (plain is never used)")
    : {
        level: "fail",
        check: "pkce",
        message: `code_challenge_methods_supported (${methods.join(", ")}) lacks S256`,
        fix: "MobilePay requires S256 PKCE; the console never falls back to plain.",
      };
}

const ENDPOINT_FIELDS = [
  "authorization_endpoint",
  "token_endpoint",
  "jwks_uri",
  "revocation_endpoint",
  "introspection_endpoint",
  "end_session_endpoint",
] as const;

function assessEndpoints(metadata: DiscoveryMetadata, allowedHosts: readonly string[] | undefined): DiscoveryFinding[] {
  const findings: DiscoveryFinding[] = [];
  for (const field of ENDPOINT_FIELDS) {
    const value = metadata[field];
    if (value === undefined) continue;
    const url = new URL(value);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTNAMES.has(url.hostname))) {
      findings.push({
        level: "fail",
        check: `${field}_https`,
        message: `${field} ${describeUrl(value)} does not use https`,
        fix: "Only loopback sandbox endpoints may use plain http; secrets and tokens must not travel unencrypted.",
      });
    }
    if (allowedHosts !== undefined && !allowedHosts.includes(url.host) && !allowedHosts.includes(url.hostname)) {
      findings.push({
        level: "fail",
        check: `${field}_host`,
        message: `${field} is on ${url.host}, outside the hosts allowed for this environment (${allowedHosts.join(", ")})`,
        fix: "A discovery document pointing elsewhere could send the client secret or merchants to a foreign host; if MobilePay really moved the endpoint, update the environment's allowed hosts.",
      });
    }
  }
  if (!findings.some((finding) => finding.level === "fail")) {
    findings.push(pass("endpoints", "all endpoints use https (or loopback) and allowed hosts"));
  }
  return findings;
}

function assessUserinfo(metadata: DiscoveryMetadata): DiscoveryFinding {
  return pass(
    "userinfo",
    metadata.userinfo_endpoint === undefined
      ? "no userinfo endpoint, which the console does not need: merchant data comes from the tokens"
      : "a userinfo endpoint is published, but the console does not call it",
  );
}

function hostOf(value: string): string | undefined {
  try {
    return new URL(value).host;
  } catch {
    return undefined;
  }
}
