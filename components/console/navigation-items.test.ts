import { describe, expect, it } from "vitest";

import { navigationFor } from "./navigation-items";

describe("navigationFor", () => {
  it("shows staff management to admins only, the demo to admins and demo staff, and API keys to all but integrators", () => {
    expect(navigationFor("admin").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "Staff",
      "Demo",
      "API keys",
      "API",
    ]);
    expect(navigationFor("demo").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "Demo",
      "API keys",
      "API",
    ]);
    expect(navigationFor("support").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "API keys",
      "API",
    ]);
    expect(navigationFor("integrator").map((item) => item.label)).toEqual(["Merchants", "Audit", "Diagnostics", "API"]);
  });
});
