import type { DiagnosticCheck } from "./diagnostic-check";

export type DiagnosticsReport = {
  ranAt: string;
  console: DiagnosticCheck[];
  environments: {
    environment: { id: string; label: string; isSandbox: boolean };
    clockOffsetSeconds: number | null;
    checks: DiagnosticCheck[];
  }[];
};
