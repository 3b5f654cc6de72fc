import type { ConnectionState } from "@/lib/tokens/connection-state";

/**
 * The one vocabulary staff see for a link's state: the badges, the filters, the health strip and the timeline
 * all say these words, never the stored failure classes ("transient", "terminal") behind them.
 */
export const CONNECTION_STATE_WORDS: Record<ConnectionState, string> = {
  active: "Active",
  expiring: "Expiring",
  refreshing: "Refreshing",
  interrupted: "Being checked",
  degraded: "Degraded",
  relink_needed: "Relink needed",
  revoked: "Unlinked",
  never_used: "Not linked",
};

/** The state a stored failure class puts a link in; null for a value that is not a failure class. */
export function stateOfFailureKind(kind: string | null | undefined): ConnectionState | null {
  if (kind === "transient") return "degraded";
  if (kind === "terminal") return "relink_needed";
  return null;
}

/**
 * A state as the token lifecycle records it in its events (a failure class, or "active"), in badge words; any
 * other value is shown as it is.
 */
export function recordedStateWords(value: string): string {
  if (value === "active") return CONNECTION_STATE_WORDS.active;
  const state = stateOfFailureKind(value);
  return state ? CONNECTION_STATE_WORDS[state] : value;
}
