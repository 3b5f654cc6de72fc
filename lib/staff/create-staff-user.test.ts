import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { createStaffUser as CreateStaffUser } from "./create-staff-user";

let createStaffUser: typeof CreateStaffUser;

withConsoleDatabase(async () => {
  ({ createStaffUser } = await import("./create-staff-user"));
});

const actor = { type: "system", label: "test" } as const;

describe(`adding a staff member on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("answers a second account with the same email as a conflict on the email field, not a failure", async () => {
    const input = {
      email: `twice-${randomBytes(4).toString("hex")}@example.com`,
      name: "Tove Twice",
      role: "support" as const,
      password: "a-long-enough-password",
    };
    await createStaffUser({ input, actor });
    await expect(createStaffUser({ input, actor })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: ["A staff member with this email already exists."] },
    });
  });
});
