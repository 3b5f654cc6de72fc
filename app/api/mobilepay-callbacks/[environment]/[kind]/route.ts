import { NextResponse, type NextRequest } from "next/server";

import { MAX_CALLBACK_BYTES, receiveCallback } from "@/lib/calls/receive-callback";
import { AppError, toErrorBody } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * MobilePay's server-to-server callbacks. Not a staff route: no staff member
 * is signed in; the proof of origin is the Basic credentials the console
 * registered, checked in the use case.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ environment: string; kind: string }> }) {
  try {
    const { environment, kind } = await context.params;
    const declared = Number(request.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > MAX_CALLBACK_BYTES) {
      return NextResponse.json({ error: "too large" }, { status: 413 });
    }
    const bodyText = await request.text();
    if (bodyText.length > MAX_CALLBACK_BYTES) return NextResponse.json({ error: "too large" }, { status: 413 });
    const { verified } = await receiveCallback({
      environment,
      kind,
      authorization: request.headers.get("authorization"),
      bodyText,
    });
    // 401 makes MobilePay retry on its schedule, which is right for a callback we cannot trust.
    return verified
      ? new NextResponse(null, { status: 200 })
      : NextResponse.json({ error: "unauthorized" }, { status: 401 });
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json(toErrorBody(error), { status: error.status });
    logger.error("MobilePay callback failed", { path: request.nextUrl.pathname, error });
    return NextResponse.json(toErrorBody(new AppError("INTERNAL")), { status: 500 });
  }
}
