import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export type HealthReport = { ok: boolean; checks: Record<string, { ok: boolean; detail?: string }> };

export async function checkHealth(): Promise<HealthReport> {
  const checks: HealthReport["checks"] = {};
  try {
    const env = getEnv();
    checks.configuration = { ok: true };
    checks.encryptionKey = { ok: env.TOKEN_ENCRYPTION_KEYS.length > 0, detail: env.TOKEN_ENCRYPTION_KEYS[0]?.id };
  } catch (error) {
    checks.configuration = { ok: false, detail: error instanceof Error ? error.message : "invalid" };
  }
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    checks.database = { ok: true };
  } catch {
    checks.database = { ok: false, detail: "database unreachable" };
  }
  return { ok: Object.values(checks).every((check) => check.ok), checks };
}
