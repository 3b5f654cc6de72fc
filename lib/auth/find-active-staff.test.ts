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

async function sessionOf(staffId: string, lastSeenAt = new Date()) {
  const { id } = await db.staffSession.create({
    data: { staffId, signInMethod: "password", userAgent: "Firefox on Linux", lastSeenAt },
  });
  return id;
}

describe(`finding the signed-in staff member on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("finds an active staff member, and nobody for a disabled or unknown id or an ended session", async () => {
    const active = await db.staffUser.create({
      data: { email: "ida@example.com", name: "Ida", role: "integrator", passwordHash: "x" },
    });
    const disabled = await db.staffUser.create({
      data: { email: "bo@example.com", name: "Bo", role: "admin", passwordHash: "x", disabled: true },
    });
    const lastSeenAt = new Date("2026-12-05T10:00:00.000Z");
    const sessionId = await sessionOf(active.id, lastSeenAt);
    const disabledSessionId = await sessionOf(disabled.id);
    const current = { staffId: active.id, sessionId, sessionGeneration: 0 };
    expect(await findActiveStaff(db, current)).toEqual({
      id: active.id,
      email: "ida@example.com",
      name: "Ida",
      role: "integrator",
      hasSecondFactor: false,
      sessionLastSeenAt: lastSeenAt,
    });
    await db.staffUser.update({ where: { id: active.id }, data: { totpEnabledAt: new Date() } });
    expect(await findActiveStaff(db, current)).toMatchObject({ hasSecondFactor: true });
    expect(
      await findActiveStaff(db, { staffId: disabled.id, sessionId: disabledSessionId, sessionGeneration: 0 }),
    ).toBeNull();
    expect(await findActiveStaff(db, { ...current, staffId: "no-such-staff" })).toBeNull();
    // Another member's session record does not open this account.
    expect(await findActiveStaff(db, { ...current, sessionId: disabledSessionId })).toBeNull();
    expect(await findActiveStaff(db, { ...current, sessionId: "no-such-session" })).toBeNull();

    await db.staffUser.update({ where: { id: active.id }, data: { sessionGeneration: { increment: 1 } } });
    expect(await findActiveStaff(db, current)).toBeNull();
    const raised = { ...current, sessionGeneration: 1 };
    expect(await findActiveStaff(db, raised)).toMatchObject({ id: active.id });

    await db.staffSession.update({ where: { id: sessionId }, data: { endedAt: new Date() } });
    expect(await findActiveStaff(db, raised)).toBeNull();
  });
});
