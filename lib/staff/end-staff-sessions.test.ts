import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type * as EndStaffSessions from "./end-staff-sessions";
import type { findActiveStaff as FindActiveStaff } from "@/lib/auth/find-active-staff";
import type { updateStaffUser as UpdateStaffUser } from "./update-staff-user";

/** Which changes end a staff member's sessions, as the per-request read sees it. */
let db: Database;
let sessions: typeof EndStaffSessions;
let findActiveStaff: typeof FindActiveStaff;
let updateStaffUser: typeof UpdateStaffUser;

withConsoleDatabase(async (client) => {
  db = client;
  sessions = await import("./end-staff-sessions");
  ({ findActiveStaff } = await import("@/lib/auth/find-active-staff"));
  ({ updateStaffUser } = await import("./update-staff-user"));
});

const admin = { id: "admin-1", email: "admin@example.com", name: "Admin", role: "admin" as const };

async function staffWithSession() {
  const staff = await db.staffUser.create({
    data: {
      email: `s-${randomBytes(4).toString("hex")}@example.com`,
      name: "S",
      role: "integrator",
      passwordHash: "x",
    },
  });
  return { staffId: staff.id, sessionGeneration: staff.sessionGeneration };
}

describe(`ending staff sessions on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("signing out ends the session, and a session that already ended cannot end a newer one", async () => {
    const session = await staffWithSession();
    expect(await sessions.endSessionsOnSignOut(session)).toBe(true);
    expect(await findActiveStaff(db, session)).toBeNull();
    const newer = { ...session, sessionGeneration: session.sessionGeneration + 1 };
    expect(await findActiveStaff(db, newer)).not.toBeNull();
    expect(await sessions.endSessionsOnSignOut(session)).toBe(false);
    expect(await findActiveStaff(db, newer)).not.toBeNull();
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
    }
    const unchanged = await staffWithSession();
    await updateStaffUser({ staffId: unchanged.staffId, changes: { role: "integrator" }, actor: admin });
    expect(await findActiveStaff(db, unchanged)).not.toBeNull();
  });
});
