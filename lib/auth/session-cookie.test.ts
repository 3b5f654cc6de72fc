import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import { sessionCookieName, staffSessionFromCookie } from "@/lib/auth/session-cookie";

const secret = "a-session-secret-of-at-least-32-characters";
const cookieName = sessionCookieName("http://localhost:3000");

describe("staffSessionFromCookie", () => {
  it("reads the staff id next-auth sealed into the session cookie", async () => {
    const token = await encode({
      token: { sub: "staff-1", role: "support", sessionGeneration: 3, sessionId: "session-1" },
      secret,
    });
    const jar = [
      { name: "other", value: "x" },
      { name: cookieName, value: token },
    ];
    await expect(staffSessionFromCookie(jar, { secret, cookieName })).resolves.toEqual({
      staffId: "staff-1",
      sessionId: "session-1",
      sessionGeneration: 3,
      signInMethod: "password",
    });
  });

  it("joins a session cookie next-auth split into chunks", async () => {
    const token = await encode({ token: { sub: "staff-2", sessionGeneration: 0, sessionId: "session-2" }, secret });
    const jar = [
      { name: `${cookieName}.1`, value: token.slice(100) },
      { name: `${cookieName}.0`, value: token.slice(0, 100) },
    ];
    await expect(staffSessionFromCookie(jar, { secret, cookieName })).resolves.toEqual({
      staffId: "staff-2",
      sessionId: "session-2",
      sessionGeneration: 0,
      signInMethod: "password",
    });
  });

  it("reads how the session was signed in: company SSO, or else a password", async () => {
    const sso = await encode({
      token: { sub: "staff-4", sessionGeneration: 0, sessionId: "session-4", signInMethod: "sso" },
      secret,
    });
    const odd = await encode({
      token: { sub: "staff-4", sessionGeneration: 0, sessionId: "session-4", signInMethod: "magic" } as Record<
        string,
        unknown
      >,
      secret,
    });
    await expect(
      staffSessionFromCookie([{ name: cookieName, value: sso }], { secret, cookieName }),
    ).resolves.toMatchObject({
      signInMethod: "sso",
    });
    // Anything else is held to the password rules, which are the stricter ones.
    await expect(
      staffSessionFromCookie([{ name: cookieName, value: odd }], { secret, cookieName }),
    ).resolves.toMatchObject({
      signInMethod: "password",
    });
  });

  it("refuses a missing, tampered, foreign or expired cookie", async () => {
    const claims = { sub: "staff-3", sessionGeneration: 1, sessionId: "session-3" };
    const token = await encode({ token: claims, secret });
    const expired = await encode({ token: claims, secret, maxAge: -60 });
    const foreign = await encode({ token: claims, secret: `${secret}-other` });
    const tampered = `${token.slice(0, -4)}AAAA`;
    // Issued before sessions carried a generation: it could not be ended on the server, so it is refused.
    const ungenerational = await encode({ token: { sub: "staff-3", sessionId: "session-3" }, secret });
    // Issued before sessions had a record: it could not be ended alone, so it is refused too.
    const unrecorded = await encode({ token: { sub: "staff-3", sessionGeneration: 1 }, secret });
    for (const value of [tampered, expired, foreign, ungenerational, unrecorded]) {
      await expect(staffSessionFromCookie([{ name: cookieName, value }], { secret, cookieName })).resolves.toBeNull();
    }
    await expect(staffSessionFromCookie([], { secret, cookieName })).resolves.toBeNull();
  });

  it("uses the secure cookie name on an https console, as next-auth does", () => {
    expect(sessionCookieName("https://console.example")).toBe("__Secure-next-auth.session-token");
  });
});
