import type { NextRequest } from "next/server";

import { handleAuthRequest, type AuthRouteContext } from "@/lib/next-auth/auth-route";

export function GET(request: NextRequest, context: AuthRouteContext) {
  return handleAuthRequest(request, context);
}

export function POST(request: NextRequest, context: AuthRouteContext) {
  return handleAuthRequest(request, context);
}
