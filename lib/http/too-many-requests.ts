import { NextResponse } from "next/server";

import { AppError, toErrorBody } from "@/lib/errors";

/** 429 with Retry-After in whole seconds, and the console's error body (plus whatever `extra` the caller needs). */
export function tooManyRequests(retryAfterMs: number, userMessage: string, extra: Record<string, unknown> = {}) {
  const error = new AppError("RATE_LIMITED", { userMessage });
  return NextResponse.json(
    { ...toErrorBody(error), ...extra },
    { status: error.status, headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } },
  );
}
