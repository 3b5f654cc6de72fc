import { describe, expect, it } from "vitest";

import { navigationFor } from "./navigation-items";

describe("navigationFor", () => {
  it("shows staff management to admins only, the demo to admins and demo staff, API keys to all but integrators, webhooks to admins and integrators", () => {
    expect(navigationFor("admin").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "Staff",
      "Demo",
      "API keys",
      "API",
      "Webhooks",
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
    expect(navigationFor("integrator").map((item) => item.label)).toEqual([
      "Merchants",
      "Audit",
      "Diagnostics",
      "API",
      "Webhooks",
    ]);
  });

  it("shows webhooks to those who may see them: admins manage, integrators view", () => {
    expect(navigationFor("integrator").map((item) => item.label)).toContain("Webhooks");
    for (const role of ["support", "demo"] as const) {
      expect(navigationFor(role).map((item) => item.label)).not.toContain("Webhooks");
    }
  });
});
