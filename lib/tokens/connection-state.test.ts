import { describe, expect, it } from "vitest";

import { connectionState } from "./connection-state";

const now = new Date("2026-03-01T10:00:00Z");
const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe("connectionState", () => {
  it("tells unlinked from never linked", () => {
    expect(connectionState({ unlinkedAt: null, tokenSet: null }, now)).toBe("never_used");
    expect(connectionState({ unlinkedAt: inMinutes(-5), tokenSet: null }, now)).toBe("revoked");
  });

  it("shows a token near or past expiry as expiring, not as broken", () => {
    const facts = (expiresInMinutes: number) => ({
      unlinkedAt: null,
      tokenSet: {
        accessTokenExpiresAt: inMinutes(expiresInMinutes),
        leaseUntil: null,
        failureKind: null,
        refreshStartedAt: null,
      },
    });
    expect(connectionState(facts(4), now)).toBe("active");
    expect(connectionState(facts(0.5), now)).toBe("expiring");
    expect(connectionState(facts(-30), now)).toBe("expiring");
  });

  it("ranks a terminal failure above a running refresh, and a refresh above a transient failure", () => {
    const base = { accessTokenExpiresAt: inMinutes(3), leaseUntil: inMinutes(0.5), refreshStartedAt: inMinutes(-0.1) };
    expect(connectionState({ unlinkedAt: null, tokenSet: { ...base, failureKind: "terminal" } }, now)).toBe(
      "relink_needed",
    );
    expect(connectionState({ unlinkedAt: null, tokenSet: { ...base, failureKind: "transient" } }, now)).toBe(
      "refreshing",
    );
    expect(
      connectionState({ unlinkedAt: null, tokenSet: { ...base, leaseUntil: null, failureKind: "transient" } }, now),
    ).toBe("degraded");
  });

  it("never shows a link whose refresh was interrupted as active, until the keep-alive has checked it", () => {
    const interrupted = {
      accessTokenExpiresAt: inMinutes(4),
      failureKind: null,
      refreshStartedAt: inMinutes(-2),
      // The refresher died: its lease lapsed a minute ago.
      leaseUntil: inMinutes(-1),
    };
    expect(connectionState({ unlinkedAt: null, tokenSet: interrupted }, now)).toBe("interrupted");
    expect(connectionState({ unlinkedAt: null, tokenSet: { ...interrupted, leaseUntil: null } }, now)).toBe(
      "interrupted",
    );
    // While its refresher is alive it is simply refreshing; once diagnosed, the diagnosis shows.
    expect(connectionState({ unlinkedAt: null, tokenSet: { ...interrupted, leaseUntil: inMinutes(0.3) } }, now)).toBe(
      "refreshing",
    );
    expect(connectionState({ unlinkedAt: null, tokenSet: { ...interrupted, failureKind: "terminal" } }, now)).toBe(
      "relink_needed",
    );
  });
});
