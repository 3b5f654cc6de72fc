import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type * as EndStaffSessions from "./end-staff-sessions";
import type { findActiveStaff as FindActiveStaff, StaffSession } from "@/lib/auth/find-active-staff";
import type { startStaffSession as StartStaffSession } from "@/lib/auth/staff-session-records";
import type { updateStaffUser as UpdateStaffUser } from "./update-staff-user";

/** Which changes end a staff member's sessions, as the per-request read sees it. */
let db: Database;
let sessions: typeof EndStaffSessions;
let findActiveStaff: typeof FindActiveStaff;
let startStaffSession: typeof StartStaffSession;
let updateStaffUser: typeof UpdateStaffUser;

withConsoleDatabase(async (client) => {
  db = client;
  sessions = await import("./end-staff-sessions");
  ({ findActiveStaff } = await import("@/lib/auth/find-active-staff"));
  ({ startStaffSession } = await import("@/lib/auth/staff-session-records"));
  ({ updateStaffUser } = await import("./update-staff-user"));
});

const admin = { id: "admin-1", email: "admin@example.com", name: "Admin", role: "admin" as const };

async function anotherSession(staffId: string, sessionGeneration: number): Promise<StaffSession> {
  const sessionId = await startStaffSession(db, { staffId, signInMethod: "password", userAgent: "Chrome on Linux" });
  return { staffId, sessionId, sessionGeneration };
}

async function staffWithSession(): Promise<StaffSession> {
  const staff = await db.staffUser.create({
    data: {
      email: `s-${randomBytes(4).toString("hex")}@example.com`,
      name: "S",
      role: "integrator",
      passwordHash: "x",
    },
  });
  return anotherSession(staff.id, staff.sessionGeneration);
}

describe(`ending staff sessions on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("signing out ends this browser's session only, and an ended session records nothing more", async () => {
    const session = await staffWithSession();
    const otherBrowser = await anotherSession(session.staffId, session.sessionGeneration);
    expect(await sessions.endSessionOnSignOut(session)).toBe(true);
    expect(await findActiveStaff(db, session)).toBeNull();
    expect(await findActiveStaff(db, otherBrowser)).not.toBeNull();
    expect(await sessions.endSessionOnSignOut(session)).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "staff.signed_out", actorId: session.staffId } })).toBe(1);
    expect(await findActiveStaff(db, otherBrowser)).not.toBeNull();
  });

  it("sign out everywhere, a new role and disabling end every session; the same role again does not", async () => {
    for (const change of ["everywhere", "role", "disable"] as const) {
      const session = await staffWithSession();
      if (change === "everywhere") {
        await sessions.endStaffSessions({
          staffId: session.staffId,
          actor: { type: "staff", id: admin.id, label: admin.email },
        });
      } else {
        await updateStaffUser({
          staffId: session.staffId,
          changes: change === "role" ? { role: "support" } : { disabled: true },
          actor: admin,
        });
      }
      expect(await findActiveStaff(db, session)).toBeNull();
      // The records end with them: the account page lists none of these sessions.
      expect(await db.staffSession.count({ where: { staffId: session.staffId, endedAt: null } })).toBe(0);
    }
    const unchanged = await staffWithSession();
    await updateStaffUser({ staffId: unchanged.staffId, changes: { role: "integrator" }, actor: admin });
    expect(await findActiveStaff(db, unchanged)).not.toBeNull();
  });
});
