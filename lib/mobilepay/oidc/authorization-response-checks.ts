import { createHash, timingSafeEqual } from "node:crypto";

import type { CallbackParams } from "./callback-params";
import { checkThat, failedCheck, passedCheck, type CheckResult } from "./check-result";

export type AuthorizationResponseExpectations = {
  /** The state stored for this browser's sign-in attempt; never shown in results. */
  state: string;
  issuer: string;
  /**
   * Whether the OP must send RFC 9207's `iss` parameter. MobilePay advertises support but it is unknown whether it
   * sends it, so this is a switch; the id_token's own iss check protects against mix-up either way.
   */
  requireIssParameter: boolean;
};

/** Compares digests so the time taken says nothing about how much of the state matched. */
function sameSecret(received: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(received), digest(expected));
}

function checkState(received: string | undefined, expected: string): CheckResult {
  if (received === undefined) return failedCheck("state", "state missing from the response");
  if (!sameSecret(received, expected)) {
    return failedCheck("state", `state mismatch (${received.length} characters received, ${expected.length} expected)`);
  }
  return passedCheck("state", "state matches this browser's sign-in");
}

function checkIssParameter(iss: string | undefined, expected: AuthorizationResponseExpectations): CheckResult {
  if (iss === undefined) {
    return expected.requireIssParameter
      ? failedCheck("authorization_response_iss", "iss missing from the response, which this environment requires")
      : passedCheck("authorization_response_iss", "absent; mix-up is covered by the id_token iss check");
  }
  if (iss !== expected.issuer) {
    return failedCheck("authorization_response_iss", `iss mismatch: "${iss}" received, "${expected.issuer}" expected`);
  }
  return passedCheck("authorization_response_iss", `iss "${iss}" as configured`);
}

/**
 * The callback-level checks that come before any id_token work. For a downgrade (code without id_token) this is
 * where the refusal is recorded, so the code never reaches the token endpoint. Error responses are checked for
 * state only: RFC 9207 §2.4 says not to trust them as coming from our OP, so they never count as a success.
 */
export function checkAuthorizationResponse(
  params: CallbackParams,
  expected: AuthorizationResponseExpectations,
): CheckResult[] {
  switch (params.kind) {
    case "success":
      return [checkState(params.state, expected.state), checkIssParameter(params.iss, expected)];
    case "downgrade":
      return [
        checkState(params.state, expected.state),
        failedCheck(
          "id_token_present",
          "the response has a code but no id_token (hybrid downgrade); the code is not redeemed",
        ),
      ];
    case "error":
      return [checkState(params.state, expected.state)];
    case "malformed":
      return [checkThat("state", false, `not checked: the response is malformed (${params.reason})`)];
  }
}
