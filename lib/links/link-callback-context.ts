import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

import type { MobilePayEnvironment } from "@/lib/mobilepay/environment-config";
import type { CheckName, CheckResult } from "@/lib/mobilepay/oidc/check-result";

/** What the callback's pre-checks learned, handed to next-auth's signIn callback for the same request. */
export type LinkCallbackContext = {
  environment: MobilePayEnvironment;
  transactionId: string;
  invitationId: string;
  frontChannel: { subject: string; issuer: string; nonce: string };
  checks: CheckResult[];
  clockOffsetSeconds?: number;
  /** Errors next-auth reported while redeeming the code (codes and messages only). */
  nextAuthErrors: string[];
  /** The token endpoint's HTTP status for this code, once it answered. */
  tokenEndpointStatus?: number;
  /** Why the code exchange stopped before the signIn callback, in the console's own check names and words. */
  tokenEndpointFailure?: { check: CheckName; detail: string; reason: string };
  outcome?: { kind: "linked"; merchantId: string } | { kind: "refused"; reason: string };
};

export const linkCallbackContext = new AsyncLocalStorage<LinkCallbackContext>();
