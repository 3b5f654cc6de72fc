import { describe, expect, it } from "vitest";

import { navigationFor } from "./navigation-items";

describe("navigationFor", () => {
  it("shows staff management to admins only", () => {
    expect(navigationFor("admin").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "Staff",
      "Webhooks",
    ]);
    for (const role of ["support", "demo"] as const) {
      expect(navigationFor(role).map((item) => item.label)).toEqual(["Merchants", "Audit", "Diagnostics"]);
    }
  });

  it("shows webhooks to those who may see them: admins manage, integrators view", () => {
    expect(navigationFor("integrator").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "Webhooks",
    ]);
  });
});
