import "server-only";

import { ClockSkewMeter } from "@/components/inspection/clock-skew-meter";
import { probeOpClock } from "@/lib/inspection/probe-op-clock";
import { clockSkewVerdict } from "@/lib/inspection/clock-skew";
import { findEnvironment } from "@/lib/mobilepay/environments";

/**
 * Reads MobilePay's clock live (the discovery answer's Date header) next to the offset measured when the tokens
 * were issued. Rendered in its own Suspense boundary: a slow OP must not hold up the merchant page.
 */
export async function ClockSkewSection({
  environmentId,
  issuedAtOffsetSeconds,
  toleranceSeconds,
}: {
  environmentId: string;
  issuedAtOffsetSeconds: number | null;
  toleranceSeconds: number;
}) {
  const environment = findEnvironment(environmentId);
  const probe = environment ? await probeOpClock(environment) : null;
  return (
    <div className="space-y-4">
      <ClockSkewMeter
        label="MobilePay now (Date header)"
        verdict={clockSkewVerdict(probe?.clockOffsetSeconds ?? null, toleranceSeconds)}
      />
      <ClockSkewMeter
        label="At the last tokens (iat)"
        verdict={clockSkewVerdict(issuedAtOffsetSeconds, toleranceSeconds)}
      />
      {probe?.error ? <p className="text-xs text-slate-500">Discovery: {probe.error.message}</p> : null}
    </div>
  );
}
