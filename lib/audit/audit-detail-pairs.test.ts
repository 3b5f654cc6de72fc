import { describe, expect, it } from "vitest";

import { auditDetailPairs, auditDetailPreview, detailLabel } from "./audit-detail-pairs";

describe("audit details as a person reads them", () => {
  it("turns keys into words", () => {
    expect(detailLabel("limitsCleared")).toBe("limits cleared");
    expect(detailLabel("refresh_token_fingerprint")).toBe("refresh token fingerprint");
    expect(detailLabel("staffId")).toBe("staff id");
  });

  it("lists every fact with a readable value", () => {
    const details = JSON.stringify({
      email: "uma@example.com",
      limitsCleared: 2,
      revoked: true,
      scopes: ["openid", "invoice"],
      previous: null,
      changes: { role: "support", disabled: false },
    });
    expect(auditDetailPairs(details)).toEqual([
      { label: "email", value: "uma@example.com" },
      { label: "limits cleared", value: "2" },
      { label: "revoked", value: "yes" },
      { label: "scopes", value: "openid, invoice" },
      { label: "previous", value: "—" },
      { label: "changes › role", value: "support" },
      { label: "changes › disabled", value: "no" },
    ]);
  });

  it("has nothing to list for empty details, and shows details that are not JSON as they are", () => {
    expect(auditDetailPairs("{}")).toEqual([]);
    expect(auditDetailPairs("not json")).toEqual([{ label: "details", value: "not json" }]);
  });

  it("previews the first two facts in one line, cutting long values at a word boundary", () => {
    const reason = "Ticket 4711: the merchant reports refunds failing since this morning";
    const pairs = auditDetailPairs(JSON.stringify({ token: "access", reason, fingerprint: "abc" }));
    expect(auditDetailPreview(pairs)).toBe("token: access · reason: Ticket 4711: the merchant reports…");
  });
});
