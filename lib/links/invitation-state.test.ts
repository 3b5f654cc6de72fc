import { describe, expect, it } from "vitest";

import { invitationIsUsable, invitationState } from "./invitation-state";

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
});
