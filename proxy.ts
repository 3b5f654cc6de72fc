import { NextResponse, type NextRequest } from "next/server";

import { isDecodablePath, undecodablePathResponse } from "@/lib/http/undecodable-path";
import { applySecurityHeaders, buildContentSecurityPolicy } from "@/lib/security/content-security-policy";

function formActionOrigins(): string[] {
  const origins = new Set<string>();
  const names = ["SANDBOX_URL", "MOBILEPAY_TEST_AUTHORIZE_ORIGINS", "MOBILEPAY_PRODUCTION_AUTHORIZE_ORIGINS"];
  for (const name of names) {
    for (const value of (process.env[name] ?? (name === "SANDBOX_URL" ? "http://127.0.0.1:4010" : "")).split(",")) {
      if (!value.trim()) continue;
      try {
        origins.add(new URL(value.trim()).origin);
      } catch {
        // The boot-time configuration check reports malformed values.
      }
    }
  }
  return [...origins];
}

/** Security headers for every response, with a fresh script nonce per request; undecodable paths end here. */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const production = process.env.NODE_ENV === "production";
  const policy = buildContentSecurityPolicy({
    nonce,
    development: !production,
    formActionOrigins: formActionOrigins(),
  });

  const response = isDecodablePath(request.nextUrl.pathname)
    ? forwardWithNonce(request, nonce, policy)
    : undecodablePathResponse(request.nextUrl.pathname);
  response.headers.set("Content-Security-Policy", policy);
  applySecurityHeaders(response.headers);
  return response;
}

function forwardWithNonce(request: NextRequest, nonce: string, policy: string): NextResponse {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next reads the nonce for its own scripts from the request's policy header.
  requestHeaders.set("Content-Security-Policy", policy);

  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Not MobilePay's callbacks: to run a proxy before a handler, Next copies the request body, and a sender
  // that hangs up mid-body then surfaces as an uncaught "aborted" (ECONNRESET) instead of reaching the
  // receiver, which keeps such a delivery as incomplete. The receiver sets the security headers itself.
  // Not the integrator API either: its answers are never pages, so a script nonce is waste on its hottest
  // path (a proxied call waited a fifth longer at p95), and it reads no cookie (apiEndpoint sets the rest).
  // An API path with a `%` still comes here: one the framework cannot decode fails before any route runs.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/mobilepay-callbacks/|api/v1/(?!.*%)).*)" }],
};
