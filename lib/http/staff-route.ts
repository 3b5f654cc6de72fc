import "server-only";

import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { requirePermission } from "@/lib/auth/require-role";
import type { Permission } from "@/lib/auth/roles";
import { AppError, toErrorBody } from "@/lib/errors";
import { zodFieldErrors } from "@/lib/http/zod-field-errors";
import { logger } from "@/lib/logger";

type RouteContext<Params> = { params: Promise<Params> };

type Handler<Body, Params> = (input: {
  request: NextRequest;
  staff: CurrentStaff;
  body: Body;
  params: Params;
}) => Promise<unknown>;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Route handlers have no CSRF protection of their own: a state-changing
 * request must come from this origin (Sec-Fetch-Site, or Origin for clients
 * that do not send it).
 */
function assertSameOrigin(request: NextRequest): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) {
    if (fetchSite === "same-origin") return;
  } else {
    const origin = request.headers.get("origin");
    if (origin && origin === request.nextUrl.origin) return;
  }
  throw new AppError("CROSS_SITE_REQUEST", { userMessage: "Cross-site requests are not accepted." });
}

/**
 * The one way console API routes are written: same-origin check, the staff
 * member's permission checked on the server, the body validated, and every
 * failure answered with the same error shape.
 */
export function staffRoute<Schema extends z.ZodType | undefined, Params = Record<string, never>>(
  options: { permission: Permission | "signed-in"; body?: Schema; duringEnrolment?: boolean },
  handler: Handler<Schema extends z.ZodType ? z.infer<Schema> : undefined, Params>,
) {
  return async (request: NextRequest, context: RouteContext<Params>): Promise<NextResponse> => {
    try {
      assertSameOrigin(request);
      const staff = await requirePermission(options.permission === "signed-in" ? undefined : options.permission, {
        duringEnrolment: options.duringEnrolment,
      });
      let body: unknown = undefined;
      if (options.body) {
        const raw: unknown = await request.json().catch(() => {
          throw new AppError("INVALID_INPUT", { userMessage: "The request body must be JSON." });
        });
        const parsed = options.body.safeParse(raw);
        if (!parsed.success) {
          throw new AppError("INVALID_INPUT", {
            userMessage: "Some fields are not valid.",
            fieldErrors: zodFieldErrors(parsed.error),
          });
        }
        body = parsed.data;
      }
      const result = await handler({
        request,
        staff,
        body: body as Schema extends z.ZodType ? z.infer<Schema> : undefined,
        params: await context.params,
      });
      return NextResponse.json(result ?? { ok: true });
    } catch (error) {
      if (error instanceof AppError) {
        return NextResponse.json(toErrorBody(error), { status: error.status });
      }
      logger.error("console API route failed", { path: request.nextUrl.pathname, error });
      return NextResponse.json(toErrorBody(new AppError("INTERNAL")), { status: 500 });
    }
  };
}
