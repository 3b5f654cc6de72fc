import { describe, expect, it } from "vitest";

import { buildTimeline, filterTimeline, summarize, timelineKindOf, type TimelineAuditEvent } from "./timeline";

function event(id: string, occurredAt: string, action: string, details: object = {}, outcome = "success") {
  return {
    id,
    occurredAt,
    action,
    actorLabel: "system",
    outcome,
    details: JSON.stringify(details),
  } satisfies TimelineAuditEvent;
}

describe("timelineKindOf", () => {
  it("maps link, token and call actions to kinds", () => {
    expect(timelineKindOf("link.invited")).toBe("invitation");
    expect(timelineKindOf("link.consented")).toBe("consent");
    expect(timelineKindOf("token.refreshed")).toBe("refresh");
    expect(timelineKindOf("token.refresh_failed")).toBe("failure");
    expect(timelineKindOf("token.race_recovered")).toBe("race");
    expect(timelineKindOf("call.invoice.create-direct")).toBe("call");
    expect(timelineKindOf("link.unlinked")).toBe("unlink");
    expect(timelineKindOf("something.else")).toBe("other");
  });
});

describe("summarize", () => {
  it("names generation, failure class and reason", () => {
    expect(summarize("token.refreshed", { generation: 4, refreshTokenFingerprint: "abc123def456" })).toBe(
      "generation 4 · refresh token abc123def456",
    );
    expect(summarize("token.refresh_failed", { class: "terminal", reason: "invalid_grant" })).toBe(
      "now Relink needed · invalid_grant",
    );
    expect(summarize("call.invoice.get", { status: 401 })).toBe("HTTP 401");
  });
});

describe("the timeline's vocabulary", () => {
  it("speaks of states in the badges' words, never the stored failure classes", () => {
    expect(summarize("token.refresh_failed", { class: "transient", reason: "HTTP 503" })).toBe(
      "now Degraded · HTTP 503",
    );
    expect(summarize("token.state_changed", { from: "transient", to: "terminal" })).toBe("Degraded → Relink needed");
    expect(summarize("token.state_changed", { from: "active", to: "transient" })).toBe("Active → Degraded");
    expect(summarize("token.state_changed", { from: "terminal", to: "active" })).toBe("Relink needed → Active");
    const everySummary = ["transient", "terminal"].flatMap((kind) => [
      summarize("token.refresh_failed", { class: kind }),
      summarize("token.state_changed", { from: "active", to: kind }),
      summarize("token.refreshed", { recoveredFrom: kind, generation: 3 }),
    ]);
    expect(everySummary.join(" ")).not.toMatch(/transient|terminal/);
  });
});

describe("buildTimeline", () => {
  it("orders newest first and fills in invitations and refused callbacks the audit log has no merchant for", () => {
    const timeline = buildTimeline({
      auditEvents: [
        event("a1", "2025-01-01T10:00:00.000Z", "link.consented", { invitationId: "inv-2" }),
        event("a2", "2025-01-01T11:00:00.000Z", "token.refreshed", { generation: 2 }),
        event("a3", "2025-01-01T09:00:00.000Z", "link.relink_invited", { invitationId: "inv-3" }),
      ],
      invitations: [
        { id: "inv-2", createdAt: "2025-01-01T08:00:00.000Z", createdByLabel: "int@x", openedAt: null },
        { id: "inv-3", createdAt: "2025-01-01T09:00:00.000Z", createdByLabel: "int@x", openedAt: null },
      ],
      callbackRecords: [
        { id: "c1", receivedAt: "2025-01-01T08:30:00.000Z", outcome: "failed", failedCheck: "c_hash" },
        { id: "c2", receivedAt: "2025-01-01T10:00:00.000Z", outcome: "passed", failedCheck: null },
      ],
    });
    expect(timeline.map((entry) => entry.id)).toEqual([
      "audit:a2",
      "audit:a1",
      "audit:a3",
      "callback:c1",
      "invitation:inv-2",
    ]);
    expect(timeline[3]).toMatchObject({ kind: "failure", summary: "class c_hash", outcome: "failure" });
    expect(filterTimeline(timeline, new Set(["failure"])).map((entry) => entry.id)).toEqual(["callback:c1"]);
    expect(filterTimeline(timeline, new Set())).toHaveLength(5);
  });

  it("survives details that are not JSON", () => {
    const [entry] = buildTimeline({
      auditEvents: [{ ...event("x", "2025-01-01T00:00:00Z", "link.failed"), details: "{" }],
    });
    expect(entry).toMatchObject({ kind: "failure", summary: "" });
  });
});
