import { describe, expect, it } from "vitest";

import { secondFactorRequiredFor } from "./second-factor-policy";

describe("who must have a second factor", () => {
  it("is admins in production unless the operator says otherwise, and never other roles", () => {
    expect(secondFactorRequiredFor("admin", { NODE_ENV: "production", STAFF_ADMIN_SECOND_FACTOR: undefined })).toBe(
      true,
    );
    expect(secondFactorRequiredFor("admin", { NODE_ENV: "development", STAFF_ADMIN_SECOND_FACTOR: undefined })).toBe(
      false,
    );
    expect(secondFactorRequiredFor("admin", { NODE_ENV: "production", STAFF_ADMIN_SECOND_FACTOR: false })).toBe(false);
    expect(secondFactorRequiredFor("admin", { NODE_ENV: "development", STAFF_ADMIN_SECOND_FACTOR: true })).toBe(true);
    for (const role of ["integrator", "support", "demo"] as const) {
      expect(secondFactorRequiredFor(role, { NODE_ENV: "production", STAFF_ADMIN_SECOND_FACTOR: true })).toBe(false);
    }
  });
});
