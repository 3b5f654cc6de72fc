import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import type { Database } from "@/lib/db/create-client";
import { withConsoleDatabase } from "@/lib/tokens/testing/console-database-suite";

import type { StaffSession } from "@/lib/auth/find-active-staff";

import type * as StaffSessionRecordsModule from "@/lib/auth/staff-session-records";
import type { findActiveStaff as FindActiveStaff } from "@/lib/auth/find-active-staff";
import type { hashPassword as HashPassword } from "@/lib/auth/password";
import type { listOwnSessions as ListOwnSessions } from "./list-own-sessions";
import type { endOwnSession as EndOwnSession } from "./end-own-session";
import type { endOtherSessions as EndOtherSessions } from "./end-other-sessions";
import type { changePassword as ChangePassword } from "./change-password";
import type { changeDisplayName as ChangeDisplayName } from "./change-display-name";

/** A staff member's own sessions, as the account page lists and ends them, and as every request reads them. */
let db: Database;
let records: typeof StaffSessionRecordsModule;
let findActiveStaff: typeof FindActiveStaff;
let hashPassword: typeof HashPassword;
let listOwnSessions: typeof ListOwnSessions;
let endOwnSession: typeof EndOwnSession;
let endOtherSessions: typeof EndOtherSessions;
let changePassword: typeof ChangePassword;
let changeDisplayName: typeof ChangeDisplayName;

withConsoleDatabase(async (client) => {
  db = client;
  records = await import("@/lib/auth/staff-session-records");
  ({ findActiveStaff } = await import("@/lib/auth/find-active-staff"));
  ({ hashPassword } = await import("@/lib/auth/password"));
  ({ listOwnSessions } = await import("./list-own-sessions"));
  ({ endOwnSession } = await import("./end-own-session"));
  ({ endOtherSessions } = await import("./end-other-sessions"));
  ({ changePassword } = await import("./change-password"));
  ({ changeDisplayName } = await import("./change-display-name"));
});

async function staffMember(passwordHash = "x"): Promise<CurrentStaff> {
  const email = `m-${randomBytes(4).toString("hex")}@example.com`;
  const row = await db.staffUser.create({ data: { email, name: "Mo Member", role: "support", passwordHash } });
  return { id: row.id, email, name: row.name, role: "support" };
}

async function signedIn(staff: CurrentStaff, userAgent = "Firefox on Linux"): Promise<StaffSession> {
  const sessionId = await records.startStaffSession(db, { staffId: staff.id, signInMethod: "password", userAgent });
  return { staffId: staff.id, sessionId, sessionGeneration: 0 };
}

const auditOf = (staffId: string, action: string) =>
  db.auditEvent.findMany({ where: { actorId: staffId, action }, orderBy: { id: "asc" } });

describe(`a staff member's own sessions on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  it("lists the open sessions with this one first and marked, and leaves out ended ones and other members'", async () => {
    const staff = await staffMember();
    const older = await signedIn(staff, "Chrome on Windows");
    const current = await signedIn(staff, "Firefox on Linux");
    const ended = await signedIn(staff, "Safari on macOS");
    await db.staffSession.update({ where: { id: ended.sessionId }, data: { endedAt: new Date() } });
    await signedIn(await staffMember(), "Edge on Windows");
    // A browser unused for longer than a session lives holds an expired cookie: not listed.
    const stale = await signedIn(staff, "Opera on Linux");
    await db.staffSession.update({
      where: { id: stale.sessionId },
      data: { lastSeenAt: new Date(Date.now() - (records.SESSION_MAX_AGE_SECONDS + 60) * 1000) },
    });

    const listed = await listOwnSessions(staff.id, current.sessionId);
    expect(listed.map((session) => [session.userAgent, session.current])).toEqual([
      ["Firefox on Linux", true],
      ["Chrome on Windows", false],
    ]);
    expect(listed[1]).toMatchObject({ id: older.sessionId, signInMethod: "password" });
  });

  it("ends one session: that browser is refused at its next request, the others stay signed in", async () => {
    const staff = await staffMember();
    const current = await signedIn(staff);
    const other = await signedIn(staff);
    await endOwnSession({ staff, sessionId: other.sessionId });
    expect(await findActiveStaff(db, other)).toBeNull();
    expect(await findActiveStaff(db, current)).not.toBeNull();
    // Ended already, or another member's: not found, and nothing recorded.
    await expect(endOwnSession({ staff, sessionId: other.sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stranger = await signedIn(await staffMember());
    await expect(endOwnSession({ staff, sessionId: stranger.sessionId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await findActiveStaff(db, stranger)).not.toBeNull();
    const events = await auditOf(staff.id, "staff.session_ended");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toEqual({ sessionsEnded: 1 });
  });

  it("signs out every other session and keeps this one", async () => {
    const staff = await staffMember();
    const current = await signedIn(staff);
    const others = [await signedIn(staff), await signedIn(staff)];
    const bystander = await signedIn(await staffMember());
    expect(await endOtherSessions({ staff, currentSessionId: current.sessionId })).toEqual({ sessionsEnded: 2 });
    for (const other of others) expect(await findActiveStaff(db, other)).toBeNull();
    expect(await findActiveStaff(db, current)).not.toBeNull();
    expect(await findActiveStaff(db, bystander)).not.toBeNull();
    expect(JSON.parse((await auditOf(staff.id, "staff.session_ended"))[0]!.details)).toEqual({
      sessionsEnded: 2,
      keptCurrent: true,
    });
    // Nothing left to end: nothing recorded.
    expect(await endOtherSessions({ staff, currentSessionId: current.sessionId })).toEqual({ sessionsEnded: 0 });
    expect(await auditOf(staff.id, "staff.session_ended")).toHaveLength(1);
  });

  it("writes the last-seen time at most every few minutes, and never for an ended session", async () => {
    const staff = await staffMember();
    const session = await signedIn(staff);
    const seen = async () =>
      (await db.staffSession.findUniqueOrThrow({ where: { id: session.sessionId } })).lastSeenAt.getTime();
    const started = await seen();
    const at = (ms: number) => new Date(started + ms);
    const noteAt = async (ms: number) =>
      records.noteSessionSeen(db, { sessionId: session.sessionId, lastSeenAt: new Date(await seen()) }, at(ms));

    expect(await noteAt(60_000)).toBe(false);
    expect(await noteAt(records.LAST_SEEN_INTERVAL_MS - 1)).toBe(false);
    expect(await seen()).toBe(started);
    expect(await noteAt(records.LAST_SEEN_INTERVAL_MS)).toBe(true);
    expect(await seen()).toBe(started + records.LAST_SEEN_INTERVAL_MS);
    // A second request that read the old time in parallel does not write again.
    expect(
      await records.noteSessionSeen(
        db,
        { sessionId: session.sessionId, lastSeenAt: new Date(started) },
        at(records.LAST_SEEN_INTERVAL_MS + 1_000),
      ),
    ).toBe(false);
    // The read hands the time on, so callers know when to write.
    expect((await findActiveStaff(db, session))?.sessionLastSeenAt.getTime()).toBe(
      started + records.LAST_SEEN_INTERVAL_MS,
    );

    await endOwnSession({ staff, sessionId: session.sessionId });
    expect(await noteAt(3 * records.LAST_SEEN_INTERVAL_MS)).toBe(false);
  });

  it("changes the password only with the right current one, counts wrong ones as failed sign-ins, and ends the other sessions", async () => {
    const staff = await staffMember(await hashPassword("the-old-password"));
    const current = await signedIn(staff);
    const other = await signedIn(staff);
    const address = "198.51.100.23";

    await expect(
      changePassword({
        staff,
        sessionId: current.sessionId,
        changes: { currentPassword: "not-the-password", newPassword: "a-brand-new-password" },
        address,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { currentPassword: expect.any(Array) } });
    const pair = await db.loginThrottle.findUnique({ where: { key: `pair:${staff.email}|${address}` } });
    expect(pair?.failures).toBe(1);
    expect(await findActiveStaff(db, other)).not.toBeNull();

    expect(
      await changePassword({
        staff,
        sessionId: current.sessionId,
        changes: { currentPassword: "the-old-password", newPassword: "a-brand-new-password" },
        address,
      }),
    ).toEqual({ otherSessionsEnded: 1 });
    expect(await findActiveStaff(db, other)).toBeNull();
    expect(await findActiveStaff(db, current)).not.toBeNull();
    const stored = await db.staffUser.findUniqueOrThrow({ where: { id: staff.id }, omit: { passwordHash: false } });
    const { verifyPassword } = await import("@/lib/auth/password");
    expect(await verifyPassword("a-brand-new-password", stored.passwordHash)).toBe(true);
    // The success clears the backoff the wrong guess started.
    expect(await db.loginThrottle.findUnique({ where: { key: `pair:${staff.email}|${address}` } })).toBeNull();
    const events = await auditOf(staff.id, "staff.password_changed");
    expect(events.map((event) => [event.outcome, JSON.parse(event.details)])).toEqual([
      ["failure", { reason: "wrong-current-password" }],
      ["success", { otherSessionsEnded: 1 }],
    ]);
  });

  it("refuses a password change while the sign-in limits hold the account, without checking the password", async () => {
    const staff = await staffMember(await hashPassword("the-old-password"));
    const current = await signedIn(staff);
    const address = "198.51.100.24";
    await db.loginThrottle.create({
      data: { key: `pair:${staff.email}|${address}`, failures: 5, lockedUntil: new Date(Date.now() + 60_000) },
    });
    await expect(
      changePassword({
        staff,
        sessionId: current.sessionId,
        changes: { currentPassword: "the-old-password", newPassword: "a-brand-new-password" },
        address,
      }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await auditOf(staff.id, "staff.password_changed")).toHaveLength(0);
  });

  it("changes the display name and audits it as an update; the same name again records nothing", async () => {
    const staff = await staffMember();
    expect(await changeDisplayName({ staff, changes: { name: "Mo Renamed" } })).toEqual({ name: "Mo Renamed" });
    await changeDisplayName({ staff, changes: { name: "Mo Renamed" } });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).name).toBe("Mo Renamed");
    const events = await auditOf(staff.id, "staff.updated");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toEqual({
      staffId: staff.id,
      email: staff.email,
      nameFrom: "Mo Member",
      nameTo: "Mo Renamed",
    });
  });
});
