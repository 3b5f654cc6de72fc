/**
 * What a failed refresh means for the link. `invalid_grant` with the refresh
 * token that is still stored is terminal; the same answer after the stored
 * set moved on means another refresher won a race, which is not a failure.
 */
export type RefreshFailureClass = "race" | "terminal" | "transient";

export type RefreshFailureFacts = {
  /** The TokenEndpointError kind, or "network" for anything that is not one. */
  errorKind: "transient" | "terminal" | "invalid_response" | "configuration" | "network";
  /** Whether the stored token set changed since this refresh read it. */
  storedSetChanged: boolean;
  /** A wrong sub/iss in the refreshed id_token: the response cannot be trusted at all. */
  identityMismatch?: boolean;
};

export function classifyRefreshFailure(facts: RefreshFailureFacts): RefreshFailureClass {
  if (facts.identityMismatch) return "terminal";
  if (facts.errorKind === "terminal") return facts.storedSetChanged ? "race" : "terminal";
  if (facts.errorKind === "configuration") return "terminal";
  return "transient";
}

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Exponential backoff for transient failures: 30 s, 1 min, 2 min … capped at an hour. */
export function backoffAfter(consecutiveFailures: number): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
}

/** OneTime when the OP returned a new refresh token, ReUse when it returned none or the same one. */
export function detectRotationMode(
  previousRefreshToken: string,
  returnedRefreshToken: string | undefined,
): "OneTime" | "ReUse" {
  return returnedRefreshToken && returnedRefreshToken !== previousRefreshToken ? "OneTime" : "ReUse";
}
