import "server-only";

import { OAUTH_CHECK_COOKIES } from "@/lib/links/oauth-check-cookies";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { LINK_TRANSACTION_COOKIE, LINK_TRANSACTION_COOKIE_OPTIONS } from "@/lib/links/link-cookie";
import { KEEP_ALIVE_JOB } from "@/lib/tokens/keep-alive";

import { checkCallbackCookies, type RequestFacts } from "./callback-cookie-check";
import { getConfigurationSummary } from "./configuration-summary";
import type { DiagnosticCheck } from "./diagnostic-check";
import { checkEncryptionKeys } from "./encryption-key-check";
import { checkScheduler } from "./scheduler-check";

/** Checks of this console install rather than of one MobilePay environment: cookies, proxy, scheduler, keys. */
export async function runConsoleDiagnostics({ request }: { request: RequestFacts }): Promise<DiagnosticCheck[]> {
  const env = getEnv();
  const [summary, lastRun] = await Promise.all([
    getConfigurationSummary(),
    getDb().schedulerRun.findFirst({ where: { job: KEEP_ALIVE_JOB }, orderBy: { startedAt: "desc" } }),
  ]);
  const cookies = [
    ...Object.values(OAUTH_CHECK_COOKIES).map((cookie) => ({
      name: cookie.name,
      sameSite: cookie.options.sameSite,
      secure: cookie.options.secure,
    })),
    {
      name: LINK_TRANSACTION_COOKIE,
      sameSite: LINK_TRANSACTION_COOKIE_OPTIONS.sameSite,
      secure: LINK_TRANSACTION_COOKIE_OPTIONS.secure,
    },
  ];
  return [
    ...checkCallbackCookies({ consoleUrl: env.NEXTAUTH_URL, cookies, request }),
    checkScheduler({
      enabled: env.KEEPALIVE_ENABLED,
      intervalSeconds: env.KEEPALIVE_INTERVAL_SECONDS,
      lastRun,
      now: new Date(),
    }),
    checkEncryptionKeys({ keyInUse: summary.encryptionKeyInUse, tokenSetsPerKey: summary.tokenSetsPerKey }),
  ];
}
