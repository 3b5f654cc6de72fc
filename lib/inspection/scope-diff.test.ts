import { describe, expect, it } from "vitest";

import { scopeDiff, splitScopes } from "./scope-diff";

describe("scopeDiff", () => {
  it("marks granted, missing and extra scopes", () => {
    expect(
      scopeDiff("openid offline_access invoice subscriptions", ["openid", "invoice", "transactionreporting"]),
    ).toEqual([
      { scope: "openid", requested: true, granted: true, status: "granted" },
      { scope: "offline_access", requested: true, granted: false, status: "missing" },
      { scope: "invoice", requested: true, granted: true, status: "granted" },
      { scope: "subscriptions", requested: true, granted: false, status: "missing" },
      { scope: "transactionreporting", requested: false, granted: true, status: "extra" },
    ]);
  });

  it("accepts commas and duplicates as MobilePay does", () => {
    expect(splitScopes("openid,invoice  invoice")).toEqual(["openid", "invoice"]);
    expect(scopeDiff("", "")).toEqual([]);
  });
});
