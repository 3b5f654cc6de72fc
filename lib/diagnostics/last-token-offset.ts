import "server-only";

import { getDb } from "@/lib/db/client";
import { offsetFromIssuedAt } from "@/lib/inspection/clock-skew";

/** MobilePay's clock at the newest stored tokens of an environment (their iat against when we stored them). */
export async function lastTokenOffsetSeconds(environmentId: string): Promise<number | null> {
  const newest = await getDb().merchantTokenSet.findFirst({
    where: { merchant: { environment: environmentId } },
    orderBy: { accessTokenIssuedAt: "desc" },
    select: { accessTokenClaims: true, accessTokenIssuedAt: true },
  });
  if (!newest) return null;
  try {
    const claims = JSON.parse(newest.accessTokenClaims) as { iat?: unknown };
    return typeof claims.iat === "number" ? offsetFromIssuedAt(claims.iat, newest.accessTokenIssuedAt) : null;
  } catch {
    return null;
  }
}
