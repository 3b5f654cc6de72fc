/**
 * The failures of the integrator API, each with a stable RFC 9457 `type` a backend can branch on. The
 * type is a relative URI reference under the API, the same on every install; `title` never changes for
 * a type, `detail` explains this occurrence with non-secret facts only.
 */
export const API_PROBLEMS = {
  "invalid-api-key": { status: 401, title: "The API key is missing, unknown, revoked or expired" },
  "scope-missing": { status: 403, title: "The API key lacks the scope this endpoint needs" },
  "merchant-not-found": { status: 404, title: "No such merchant for this API key" },
  "consent-link-not-found": { status: 404, title: "No such consent link for this API key" },
  "not-found": { status: 404, title: "No such endpoint" },
  "method-not-allowed": { status: 405, title: "The endpoint does not accept this method" },
  "invalid-request": { status: 422, title: "The request is not valid" },
  "relink-needed": { status: 409, title: "The merchant's link needs relinking" },
  "not-linked": { status: 409, title: "The merchant has no active link" },
  "product-not-granted": { status: 409, title: "The merchant's consent does not cover this product" },
  "rate-limited": { status: 429, title: "Too many requests for this API key" },
  "path-refused": { status: 400, title: "The proxied path is not a plain path under the API" },
  "body-too-large": { status: 413, title: "The request body is larger than the API accepts" },
  "token-unavailable": { status: 503, title: "MobilePay could not refresh the merchant's token right now" },
  "upstream-timeout": { status: 504, title: "MobilePay did not answer in time" },
  "upstream-unreachable": { status: 502, title: "MobilePay could not be reached" },
  internal: { status: 500, title: "The console failed to answer" },
} as const;

export type ApiProblemKind = keyof typeof API_PROBLEMS;

export const PROBLEM_TYPE_BASE = "/api/v1/problems/";

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Per-field messages, for invalid-request. */
  errors?: Record<string, string[]>;
  /** For relink-needed: why MobilePay refused the link. */
  reason?: string;
  /** For scope-missing: the scope the endpoint needs. */
  required_scope?: string;
};

export class ApiProblem extends Error {
  constructor(
    readonly kind: ApiProblemKind,
    readonly detail: string,
    readonly extensions: Pick<ProblemBody, "errors" | "reason" | "required_scope"> & {
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(`${kind}: ${detail}`);
    this.name = "ApiProblem";
  }

  get status(): number {
    return API_PROBLEMS[this.kind].status;
  }

  body(instance?: string): ProblemBody {
    const { retryAfterSeconds: _retryAfter, ...extensions } = this.extensions;
    return {
      type: `${PROBLEM_TYPE_BASE}${this.kind}`,
      title: API_PROBLEMS[this.kind].title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...extensions,
    };
  }
}

/** The link needs relinking, with MobilePay's reason when one was recorded. */
export function relinkNeeded(reason: string | null): ApiProblem {
  const told = reason ?? "MobilePay refused the refresh token.";
  return new ApiProblem("relink-needed", `The merchant must relink: ${told}`, { reason: told });
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The one way an API failure becomes a response. */
export function problemResponse(problem: ApiProblem, instance?: string): Response {
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" });
  if (problem.kind === "invalid-api-key") headers.set("www-authenticate", 'Bearer realm="api"');
  if (problem.extensions.retryAfterSeconds !== undefined) {
    headers.set("retry-after", String(problem.extensions.retryAfterSeconds));
  }
  return new Response(JSON.stringify(problem.body(instance)), { status: problem.status, headers });
}
