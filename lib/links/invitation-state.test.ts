import { describe, expect, it } from "vitest";

import { invitationIsQuiet, invitationIsUsable, invitationState, QUIET_AFTER_MS } from "./invitation-state";

const now = new Date("2026-01-10T12:00:00Z");
const later = new Date("2026-01-11T12:00:00Z");
const earlier = new Date("2026-01-09T12:00:00Z");

describe("invitationState", () => {
  it("derives expiry from the time, unless the invitation already finished", () => {
    expect(invitationState({ status: "created", expiresAt: later }, now)).toBe("created");
    expect(invitationState({ status: "opened", expiresAt: later }, now)).toBe("opened");
    expect(invitationState({ status: "opened", expiresAt: earlier }, now)).toBe("expired");
    expect(invitationState({ status: "consented", expiresAt: earlier }, now)).toBe("consented");
    expect(invitationState({ status: "failed", expiresAt: earlier }, now)).toBe("failed");
  });

  it("lets a link be used until it is consented or expired", () => {
    expect(invitationIsUsable({ status: "created", expiresAt: later }, now)).toBe(true);
    expect(invitationIsUsable({ status: "failed", expiresAt: later }, now)).toBe(true);
    expect(invitationIsUsable({ status: "consented", expiresAt: later }, now)).toBe(false);
    expect(invitationIsUsable({ status: "created", expiresAt: earlier }, now)).toBe(false);
  });

  it("lets a failed link be tried again only until it expires", () => {
    expect(invitationIsUsable({ status: "failed", expiresAt: earlier }, now)).toBe(false);
    expect(invitationState({ status: "failed", expiresAt: earlier }, now)).toBe("failed");
  });

  it("never lets a revoked link be used again, expired or not", () => {
    expect(invitationState({ status: "revoked", expiresAt: later }, now)).toBe("revoked");
    expect(invitationState({ status: "revoked", expiresAt: earlier }, now)).toBe("revoked");
    expect(invitationIsUsable({ status: "revoked", expiresAt: later }, now)).toBe(false);
  });
});

describe("invitationIsQuiet", () => {
  const openedAgo = (ms: number) => new Date(now.getTime() - ms);
  it("flags an opened link that has had no answer for a while, and nothing else", () => {
    expect(invitationIsQuiet({ status: "opened", expiresAt: later, openedAt: openedAgo(QUIET_AFTER_MS) }, now)).toBe(
      true,
    );
    expect(
      invitationIsQuiet({ status: "opened", expiresAt: later, openedAt: openedAgo(QUIET_AFTER_MS - 1000) }, now),
    ).toBe(false);
    for (const status of ["created", "consented", "failed", "revoked"]) {
      expect(invitationIsQuiet({ status, expiresAt: later, openedAt: openedAgo(QUIET_AFTER_MS * 4) }, now)).toBe(false);
    }
    expect(
      invitationIsQuiet({ status: "opened", expiresAt: earlier, openedAt: openedAgo(QUIET_AFTER_MS * 4) }, now),
    ).toBe(false);
  });
});
