import "server-only";

import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/staff-session-records";
import { getDb } from "@/lib/db/client";

export type OwnSession = {
  id: string;
  signInMethod: string;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The browser asking. */
  current: boolean;
};

/**
 * The staff member's sessions that can still be used: not ended, and seen within a session's lifetime (a
 * browser unused for longer holds an expired cookie). The current one first, then the most recently seen.
 */
export async function listOwnSessions(staffId: string, currentSessionId: string, now = new Date()) {
  const rows = await getDb().staffSession.findMany({
    where: { staffId, endedAt: null, lastSeenAt: { gt: new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000) } },
    select: { id: true, signInMethod: true, userAgent: true, createdAt: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
  const sessions: OwnSession[] = rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
  return sessions.sort((a, b) => Number(b.current) - Number(a.current));
}
