import { NextResponse } from "next/server";

import { checkHealth } from "@/lib/diagnostics/check-health";

export const dynamic = "force-dynamic";

/** For load balancers: 200 when this instance can serve, 503 with the failing parts otherwise. */
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
