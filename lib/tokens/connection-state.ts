export type ConnectionState =
  "active" | "expiring" | "refreshing" | "interrupted" | "degraded" | "relink_needed" | "revoked" | "never_used";

export type ConnectionFacts = {
  unlinkedAt: Date | null;
  tokenSet: {
    accessTokenExpiresAt: Date;
    leaseUntil: Date | null;
    // Required, so no caller can forget it and show a dead link as active.
    failureKind: string | null;
    /** Set while a refresh is in flight; left behind (with no live lease) by a refresh that never finished. */
    refreshStartedAt: Date | null;
  } | null;
};

/** Access tokens this close to expiry are shown as "expiring" — normal for 5-minute tokens, so shown softly. */
export const EXPIRING_WITHIN_MS = 60_000;

/** Derived from stored facts only, so every page and instance agrees. */
export function connectionState(facts: ConnectionFacts, now: Date = new Date()): ConnectionState {
  if (!facts.tokenSet) return facts.unlinkedAt ? "revoked" : "never_used";
  const { tokenSet } = facts;
  if (tokenSet.failureKind === "terminal") return "relink_needed";
  if (tokenSet.leaseUntil && tokenSet.leaseUntil > now) return "refreshing";
  if (tokenSet.failureKind === "transient") return "degraded";
  // A refresh stopped after it may have been sent: until the keep-alive has checked the link (recovered it,
  // or found it needs relinking), it is not shown as plainly active.
  if (tokenSet.refreshStartedAt) return "interrupted";
  if (tokenSet.accessTokenExpiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_MS) return "expiring";
  return "active";
}
