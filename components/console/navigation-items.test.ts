import { describe, expect, it } from "vitest";

import { navigationFor } from "./navigation-items";

describe("navigationFor", () => {
  it("shows staff management to admins only, and API keys to all but integrators", () => {
    expect(navigationFor("admin").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "Staff",
      "API keys",
      "API",
    ]);
    for (const role of ["support", "demo"] as const) {
      expect(navigationFor(role).map((item) => item.label)).toEqual([
        "Merchants",
        "Audit",
        "Diagnostics",
        "API keys",
        "API",
      ]);
    }
    expect(navigationFor("integrator").map((item) => item.label)).toEqual(["Merchants", "Audit", "Diagnostics", "API"]);
  });
});
