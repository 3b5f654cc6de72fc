import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { appendSetCookie, expireCookie, readCookies } from "../http/cookies";
import type { Database } from "../storage/database";
import { epochSeconds } from "../storage/database";
import type { PortalDirectory, TPortalUser } from "./portal-directory";

const SESSION_COOKIE = "mp_portal_session";
const SESSION_TTL_SECONDS = 12 * 60 * 60;
/** oidc-provider's own session cookies; cleared on portal logout so the next authorize asks again. */
const PROVIDER_SESSION_COOKIES = ["_session", "_session.sig", "_session.legacy", "_session.legacy.sig"];

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** The merchant portal's own login, shared by the authorize flow and the Integrations page. */
export class PortalSessions {
  constructor(
    private readonly db: Database,
    private readonly directory: PortalDirectory,
  ) {}

  authenticate(email: string, password: string): TPortalUser | undefined {
    const user = this.directory.userByEmail(email);
    // Compare digests so the comparison takes the same time whatever the password length.
    const expected = digest(user?.password ?? "no such user");
    const matches = timingSafeEqual(expected, digest(password));
    return user && matches ? user : undefined;
  }

  async start(res: ServerResponse, user: TPortalUser): Promise<void> {
    const id = randomBytes(24).toString("base64url");
    await this.db.execute({
      sql: "INSERT INTO portal_sessions (id, user_id, created_at) VALUES (?, ?, ?)",
      args: [id, user.id, epochSeconds()],
    });
    appendSetCookie(res, SESSION_COOKIE, id, { maxAgeSeconds: SESSION_TTL_SECONDS, sameSite: "Lax" });
  }

  async currentUser(req: IncomingMessage): Promise<TPortalUser | undefined> {
    const id = readCookies(req).get(SESSION_COOKIE);
    if (!id) return undefined;
    const result = await this.db.execute({
      sql: "SELECT user_id FROM portal_sessions WHERE id = ? AND created_at > ?",
      args: [id, epochSeconds() - SESSION_TTL_SECONDS],
    });
    const userId = result.rows[0]?.user_id;
    return typeof userId === "string" ? this.directory.userById(userId) : undefined;
  }

  async end(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = readCookies(req).get(SESSION_COOKIE);
    if (id) await this.db.execute({ sql: "DELETE FROM portal_sessions WHERE id = ?", args: [id] });
    expireCookie(res, SESSION_COOKIE);
    for (const name of PROVIDER_SESSION_COOKIES) expireCookie(res, name);
  }
}
