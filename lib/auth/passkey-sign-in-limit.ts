import "server-only";

import { reserveUnderCeiling } from "@/lib/auth/login-throttle";
import type { CeilingPolicy } from "@/lib/auth/login-throttle-policy";

/**
 * Passkey sign-in requests one address may make, counted apart for each step. Asking for options stores a
 * challenge, so without a limit anyone could fill that table; answering is a sign-in attempt, limited here
 * before next-auth and the signature check run. A person needs one of each per sign-in.
 */
export const PASSKEY_SIGN_IN_ADDRESS_POLICY: CeilingPolicy = {
  kind: "ceiling",
  maxAttempts: 30,
  windowMs: 15 * 60_000,
};

export type PasskeySignInStep = "options" | "verify";

/** One request of `step` from `address`, or how long until the address may ask again. */
export function reservePasskeySignInRequest(step: PasskeySignInStep, address: string, now = new Date()) {
  return reserveUnderCeiling(`passkey-${step}:${address}`, PASSKEY_SIGN_IN_ADDRESS_POLICY, now);
}

export const PASSKEY_SIGN_IN_THROTTLED_MESSAGE = "Too many passkey sign-ins from here. Wait a few minutes.";
