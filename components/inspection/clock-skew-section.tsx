import "server-only";

import { ClockSkewMeter } from "@/components/inspection/clock-skew-meter";
import { probeOpClock } from "@/lib/inspection/probe-op-clock";
import { clockSkewVerdict } from "@/lib/inspection/clock-skew";
import { findEnvironment } from "@/lib/mobilepay/environments";

/**
 * Reads MobilePay's clock live (the discovery answer's Date header). Rendered in its own Suspense boundary: a slow
 * OP must not hold up the merchant page. The offset measured when the tokens were issued changes with every
 * refresh, so the merchant page's live view draws that meter beside this one.
 */
export async function ClockSkewSection({
  environmentId,
  toleranceSeconds,
}: {
  environmentId: string;
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
      {probe?.error ? <p className="text-xs text-slate-500">Discovery: {probe.error.message}</p> : null}
    </div>
  );
}
