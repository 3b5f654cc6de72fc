import { describe, expect, it } from "vitest";

import { navigationFor } from "./navigation-items";

describe("navigationFor", () => {
  it("shows staff management to admins only", () => {
    expect(navigationFor("admin").map((item) => item.label)).toEqual(["Merchants", "Audit", "Diagnostics", "Staff"]);
    for (const role of ["integrator", "support", "demo"] as const) {
      expect(navigationFor(role).map((item) => item.label)).toEqual(["Merchants", "Audit", "Diagnostics"]);
    }
  });
});
