import { describe, expect, it } from "vitest";

import { navigationFor } from "./navigation-items";

describe("navigationFor", () => {
  it("shows staff management to admins only, and the demo to admins and demo staff", () => {
    expect(navigationFor("admin").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "Staff",
      "Demo",
    ]);
    expect(navigationFor("demo").map((item) => item.label)).toEqual(["Merchants", "Audit", "Diagnostics", "Demo"]);
    for (const role of ["integrator", "support"] as const) {
      expect(navigationFor(role).map((item) => item.label)).toEqual(["Merchants", "Audit", "Diagnostics"]);
    }
  });
});
