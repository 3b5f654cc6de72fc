import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { findActiveStaff as FindActiveStaff } from "./find-active-staff";

/** Every console page asks this first, as plain SQL: the same answers on SQLite and PostgreSQL. */
let db: Database;
let findActiveStaff: typeof FindActiveStaff;

withConsoleDatabase(async (client) => {
  db = client;
  ({ findActiveStaff } = await import("./find-active-staff"));
});

describe(`finding the signed-in staff member on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("finds an active staff member, and nobody for a disabled or unknown id or an ended session", async () => {
    const active = await db.staffUser.create({
      data: { email: "ida@example.com", name: "Ida", role: "integrator", passwordHash: "x" },
    });
    const disabled = await db.staffUser.create({
      data: { email: "bo@example.com", name: "Bo", role: "admin", passwordHash: "x", disabled: true },
    });
    expect(await findActiveStaff(db, { staffId: active.id, sessionGeneration: 0 })).toEqual({
      id: active.id,
      email: "ida@example.com",
      name: "Ida",
      role: "integrator",
      hasSecondFactor: false,
    });
    await db.staffUser.update({ where: { id: active.id }, data: { totpEnabledAt: new Date() } });
    expect(await findActiveStaff(db, { staffId: active.id, sessionGeneration: 0 })).toMatchObject({
      hasSecondFactor: true,
    });
    expect(await findActiveStaff(db, { staffId: disabled.id, sessionGeneration: 0 })).toBeNull();
    expect(await findActiveStaff(db, { staffId: "no-such-staff", sessionGeneration: 0 })).toBeNull();

    await db.staffUser.update({ where: { id: active.id }, data: { sessionGeneration: { increment: 1 } } });
    expect(await findActiveStaff(db, { staffId: active.id, sessionGeneration: 0 })).toBeNull();
    expect(await findActiveStaff(db, { staffId: active.id, sessionGeneration: 1 })).toMatchObject({ id: active.id });
  });
});
