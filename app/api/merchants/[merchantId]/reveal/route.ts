import type { NextRequest } from "next/server";

import { staffRoute } from "@/lib/http/staff-route";
import { revealToken } from "@/lib/inspection/reveal-token";
import { ZRevealTokenSchema } from "@/lib/inspection/reveal-schemas";

type Params = { merchantId: string };

const reveal = staffRoute<typeof ZRevealTokenSchema, Params>(
  { permission: "tokens:reveal", body: ZRevealTokenSchema },
  ({ staff, body, params }) => revealToken({ merchantId: params.merchantId, staff, ...body }),
);

/** Admins only (tokens:reveal); the answer holds a live token, so no cache may keep it, refusals included. */
export async function POST(request: NextRequest, context: { params: Promise<Params> }) {
  const response = await reveal(request, context);
  response.headers.set("cache-control", "no-store");
  response.headers.set("pragma", "no-cache");
  return response;
}
