import "server-only";

import { CALLBACK_KINDS, type CallbackKind } from "@/lib/calls/sample-call-context";
import { getEnv } from "@/lib/env";

/** The console's public callback endpoints for one environment (under NEXTAUTH_URL). */
export function callbackUrlsFor(environment: string): Record<CallbackKind, string> {
  const base = getEnv().NEXTAUTH_URL.replace(/\/$/, "");
  return Object.fromEntries(
    CALLBACK_KINDS.map((kind) => [kind, `${base}/api/mobilepay-callbacks/${encodeURIComponent(environment)}/${kind}`]),
  ) as Record<CallbackKind, string>;
}
