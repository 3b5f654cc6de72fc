import { NextResponse, type NextRequest } from "next/server";

import { countDroppedCallback } from "@/lib/calls/dropped-callback-counts";
import { MAX_CALLBACK_BYTES, receiveCallback } from "@/lib/calls/receive-callback";
import { AppError, toErrorBody } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { senderAddress } from "@/lib/http/sender-address";
import { logger } from "@/lib/logger";
import { applySecurityHeaders } from "@/lib/security/content-security-policy";

function tooLarge(): NextResponse {
  countDroppedCallback("tooLarge");
  return NextResponse.json({ error: "too large" }, { status: 413 });
}

/** The proxy does not run for this route (see its matcher): the headers it would set are set here. */
function withSecurityHeaders(response: NextResponse): NextResponse {
  applySecurityHeaders(response.headers);
  return response;
}

/**
 * MobilePay's server-to-server callbacks. Not a staff route: no staff member
 * is signed in; the proof of origin is the Basic credentials the console
 * registered, checked in the use case.
 */
export async function POST(
  request: NextRequest,
  context: { params: Promise<{ environment: string; kind: string }> },
): Promise<NextResponse> {
  return withSecurityHeaders(await receive(request, context));
}

async function receive(
  request: NextRequest,
  context: { params: Promise<{ environment: string; kind: string }> },
): Promise<NextResponse> {
  try {
    const { environment, kind } = await context.params;
    const declaredHeader = request.headers.get("content-length");
    const declared = declaredHeader === null ? null : Number(declaredHeader);
    if (declared !== null && Number.isFinite(declared) && declared > MAX_CALLBACK_BYTES) return tooLarge();
    // A chunked body declares no length: the limit is kept while it streams in.
    const body = await readLimitedBody(request.body, MAX_CALLBACK_BYTES);
    if (body.tooLarge) return tooLarge();
    const receipt = await receiveCallback({
      environment,
      kind,
      authorization: request.headers.get("authorization"),
      bodyText: body.text,
      arrival: {
        bytes: body.bytes,
        declaredBytes: declared !== null && Number.isFinite(declared) ? declared : null,
        brokenOff: body.brokenOff,
      },
      source: senderAddress(request.headers),
    });
    if (receipt === "verified") return new NextResponse(null, { status: 200 });
    // Not a callback yet: MobilePay retries a delivery that is not answered 2xx.
    if (receipt === "incomplete") return NextResponse.json({ error: "empty or incomplete body" }, { status: 400 });
    if (receipt === "dropped") {
      return NextResponse.json({ error: "too many requests" }, { status: 429, headers: { "Retry-After": "60" } });
    }
    // 401 makes MobilePay retry on its schedule, which is right for a callback we cannot trust.
    return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json(toErrorBody(error), { status: error.status });
    logger.error("MobilePay callback failed", { path: request.nextUrl.pathname, error });
    return NextResponse.json(toErrorBody(new AppError("INTERNAL")), { status: 500 });
  }
}
