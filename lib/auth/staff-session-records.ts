import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { newRowId } from "@/lib/db/row-id";

/** How long a staff session lasts without use (next-auth's maxAge for the session cookie). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * A session's last-seen time is written at most this often: reading the session stays one query on almost
 * every request, and the account page still tells a browser used today from one left open last week.
 */
export const LAST_SEEN_INTERVAL_MS = 5 * 60_000;

type SessionWriter = Pick<Database, "staffSession">;

export type StartStaffSessionOptions = {
  staffId: string;
  signInMethod: "password" | "sso" | "passkey";
  /** Already summarised (user-agent-summary.ts): the whole header is never stored. */
  userAgent: string;
};

/** The record of one signed-in browser; its id goes into the session cookie. */
export async function startStaffSession(db: SessionWriter, options: StartStaffSessionOptions): Promise<string> {
  const now = new Date();
  const { id } = await db.staffSession.create({
    data: { id: newRowId(), ...options, createdAt: now, lastSeenAt: now },
    select: { id: true },
  });
  return id;
}

/**
 * Moves a session's last-seen time forward when the stored one is older than the interval. The condition is
 * in the statement, so parallel requests of one browser write it once. A fixed statement for the same reason
 * as the session read beside it (find-active-staff.ts).
 */
export async function noteSessionSeen(
  db: Database,
  session: { sessionId: string; lastSeenAt: Date },
  now = new Date(),
): Promise<boolean> {
  if (now.getTime() - session.lastSeenAt.getTime() < LAST_SEEN_INTERVAL_MS) return false;
  const written = await db.$executeRawUnsafe(
    `UPDATE "StaffSession" SET "lastSeenAt" = ${bindMarker(1)}
     WHERE "id" = ${bindMarker(2)} AND "endedAt" IS NULL AND "lastSeenAt" <= ${bindMarker(3)}`,
    now,
    session.sessionId,
    new Date(now.getTime() - LAST_SEEN_INTERVAL_MS),
  );
  return written > 0;
}

export type EndSessionRecordsScope =
  | { staffId: string; sessionId: string }
  | { staffId: string; exceptSessionId: string }
  | { staffId: string; all: true };

/** Ends session records of one staff member (one, all but one, or all); answers how many were still open. */
export async function endSessionRecords(db: SessionWriter, scope: EndSessionRecordsScope, now = new Date()) {
  const { count } = await db.staffSession.updateMany({
    where: {
      staffId: scope.staffId,
      endedAt: null,
      ...("sessionId" in scope ? { id: scope.sessionId } : {}),
      ...("exceptSessionId" in scope ? { id: { not: scope.exceptSessionId } } : {}),
    },
    data: { endedAt: now },
  });
  return count;
}
