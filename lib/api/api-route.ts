import "server-only";

import type { NextRequest } from "next/server";
import type { z } from "zod";

import type { ApiKeyScope } from "@/lib/api-keys/api-key-scopes";
import { apiRateLimit } from "@/lib/api-keys/api-rate-limit";
import { authenticateApiKey, type ApiPrincipal } from "@/lib/api-keys/authenticate-api-key";
import { ApiProblem, problemResponse, relinkNeeded } from "@/lib/api/api-problem";
import { apiEndpoint } from "@/lib/api/api-response-headers";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { zodFieldErrors } from "@/lib/http/zod-field-errors";
import { logger } from "@/lib/logger";

type RouteContext<Params> = { params: Promise<Params> };

export type ApiHandler<Body, Query, Params> = (input: {
  request: NextRequest;
  principal: ApiPrincipal;
  body: Body;
  query: Query;
  params: Params;
}) => Promise<unknown>;

type Infer<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/** JSON bodies of the API's own endpoints (the proxy has its own, larger limit). */
const MAX_JSON_BODY_BYTES = 64 * 1024;

/** The same answer for a missing, malformed, unknown, revoked or expired key, so none can be told apart. */
const INVALID_KEY = () => new ApiProblem("invalid-api-key", "Send a valid API key as `Authorization: Bearer mplc_…`.");

export function requireScope(principal: ApiPrincipal, scope: ApiKeyScope): void {
  if (!principal.scopes.includes(scope)) {
    throw new ApiProblem("scope-missing", `This endpoint needs an API key with the scope ${scope}.`, {
      required_scope: scope,
    });
  }
}

function invalidRequest(error: z.ZodError, where: string): ApiProblem {
  return new ApiProblem("invalid-request", `Some ${where} fields are not valid; nothing was done.`, {
    errors: zodFieldErrors(error),
  });
}

async function parseJsonBody<Schema extends z.ZodType>(request: NextRequest, schema: Schema) {
  const read = await readLimitedBody(request.body, MAX_JSON_BODY_BYTES);
  if (read.tooLarge) throw new ApiProblem("body-too-large", `Send at most ${MAX_JSON_BODY_BYTES} bytes of JSON.`);
  let raw: unknown;
  try {
    raw = JSON.parse(read.text) as unknown;
  } catch {
    throw new ApiProblem("invalid-request", "The request body must be JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error, "body");
  return parsed.data as z.output<Schema>;
}

/**
 * The token service's refusals are conflicts: a link that needs relinking (its message carries MobilePay's
 * reason), or tokens that are gone. A link can reach either state after the endpoint looked at it, e.g. when
 * the refresh after a 401 is refused, so every endpoint that asks for a token answers them alike.
 */
function tokenServiceProblem(error: AppError): ApiProblem {
  const relink = /^This link needs relinking: (.*)$/s.exec(error.userMessage);
  if (relink) return relinkNeeded(relink[1]!);
  return new ApiProblem("not-linked", error.userMessage);
}

/** Failures of the domain below, in the API's terms; anything unknown is logged and answered as 500. */
function toProblem(error: unknown, request: NextRequest): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof AppError && error.code === "UPSTREAM_UNAVAILABLE") {
    return new ApiProblem("token-unavailable", error.userMessage, { retryAfterSeconds: 5 });
  }
  if (error instanceof AppError && error.code === "CONFLICT") return tokenServiceProblem(error);
  logger.error("integrator API route failed", { path: request.nextUrl.pathname, error });
  return new ApiProblem("internal", "The console failed to answer; nothing about the key or merchant is implied.");
}

/**
 * The one way an integrator API route is written, the twin of `staffRoute` for the second audience:
 * a Bearer API key (staff cookies mean nothing here, and carry no ambient authority a cross-site page
 * could borrow, so no same-origin check), the key's rate limit, its scope, the input validated, and
 * every failure answered as RFC 9457 problem+json.
 */
export function apiRoute<
  BodySchema extends z.ZodType | undefined = undefined,
  QuerySchema extends z.ZodType | undefined = undefined,
  Params = Record<string, never>,
>(
  options: { scope?: ApiKeyScope; body?: BodySchema; query?: QuerySchema },
  handler: ApiHandler<Infer<BodySchema>, Infer<QuerySchema>, Params>,
) {
  return apiEndpoint(async (request: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    const instance = request.nextUrl.pathname;
    try {
      const check = await authenticateApiKey(getDb(), request.headers.get("authorization"));
      if (!check.ok) throw INVALID_KEY();
      const { principal } = check;
      const rate = await apiRateLimit().take(principal.keyId);
      if (!rate.allowed) {
        throw new ApiProblem("rate-limited", `Wait ${rate.retryAfterSeconds} s before the next request.`, {
          retryAfterSeconds: rate.retryAfterSeconds,
        });
      }
      if (options.scope) requireScope(principal, options.scope);
      let query: unknown = undefined;
      if (options.query) {
        const parsed = options.query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
        if (!parsed.success) throw invalidRequest(parsed.error, "query");
        query = parsed.data;
      }
      const body = options.body ? await parseJsonBody(request, options.body) : undefined;
      const result = await handler({
        request,
        principal,
        body: body as Infer<BodySchema>,
        query: query as Infer<QuerySchema>,
        params: await context.params,
      });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return problemResponse(toProblem(error, request), instance);
    }
  });
}

/** A JSON answer with a status other than 200 (e.g. 201 for a created resource). */
export function jsonWithStatus(value: unknown, status: number): Response {
  return Response.json(value, { status, headers: { "cache-control": "no-store" } });
}
