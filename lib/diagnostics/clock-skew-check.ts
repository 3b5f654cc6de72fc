import { clockSkewVerdict } from "@/lib/inspection/clock-skew";

import { diagnosticCheck, type DiagnosticCheck } from "./diagnostic-check";

/** The clock-skew verdict as a checklist line; "unknown" is a warning, since nothing was measured. */
export function checkClockSkew(input: {
  id: string;
  title: string;
  source: string;
  offsetSeconds: number | null;
  toleranceSeconds: number;
}): DiagnosticCheck {
  const verdict = clockSkewVerdict(input.offsetSeconds, input.toleranceSeconds);
  return diagnosticCheck(
    input.id,
    input.title,
    verdict.level === "unknown" ? "warn" : verdict.level,
    `${input.source}: ${verdict.message}`,
    verdict.fix,
  );
}
