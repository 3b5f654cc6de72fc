import { z } from "zod";

import type { DiagnosticCheck } from "./diagnostic-check";

/** Run every environment, or the one named. */
export const ZRunDiagnosticsSchema = z.object({
  environment: z.enum(["sandbox", "test", "production"]).optional(),
});

export type TRunDiagnosticsSchema = z.infer<typeof ZRunDiagnosticsSchema>;

export type DiagnosticsReport = {
  ranAt: string;
  console: DiagnosticCheck[];
  environments: {
    environment: { id: string; label: string; isSandbox: boolean };
    clockOffsetSeconds: number | null;
    checks: DiagnosticCheck[];
  }[];
};
