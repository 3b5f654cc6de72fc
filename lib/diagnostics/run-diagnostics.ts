import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { environmentsVisibleTo } from "@/lib/auth/require-environment-access";
import { getEnv } from "@/lib/env";

import type { RequestFacts } from "./callback-cookie-check";
import type { DiagnosticsReport } from "./diagnostics-schemas";
import { lastTokenOffsetSeconds } from "./last-token-offset";
import { runConsoleDiagnostics } from "./run-console-diagnostics";
import { runEnvironmentDiagnostics } from "./run-environment-diagnostics";

export type RunDiagnosticsOptions = { staff: CurrentStaff; request: RequestFacts };

/**
 * The diagnostics checklist, run live on demand for the install and every configured environment the staff
 * member may see (in parallel): demo staff never make the console probe production credentials.
 */
export async function runDiagnostics({ staff, request }: RunDiagnosticsOptions): Promise<DiagnosticsReport> {
  const consoleUrl = getEnv().NEXTAUTH_URL;
  const [consoleChecks, ...environments] = await Promise.all([
    runConsoleDiagnostics({ request }),
    ...environmentsVisibleTo(staff).map(async (candidate) =>
      runEnvironmentDiagnostics(candidate, {
        consoleUrl,
        lastTokenOffsetSeconds: await lastTokenOffsetSeconds(candidate.id),
      }),
    ),
  ]);
  return {
    ranAt: new Date().toISOString(),
    console: consoleChecks,
    environments: environments.map(({ environment, clockOffsetSeconds, checks }) => ({
      environment,
      clockOffsetSeconds,
      checks,
    })),
  };
}
