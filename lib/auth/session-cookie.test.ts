import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";

import { sessionCookieName, staffIdFromSessionCookie } from "@/lib/auth/session-cookie";

const secret = "a-session-secret-of-at-least-32-characters";
const cookieName = sessionCookieName("http://localhost:3000");

describe("staffIdFromSessionCookie", () => {
  it("reads the staff id next-auth sealed into the session cookie", async () => {
    const token = await encode({ token: { sub: "staff-1", role: "support" }, secret });
    const jar = [
      { name: "other", value: "x" },
      { name: cookieName, value: token },
    ];
    await expect(staffIdFromSessionCookie(jar, { secret, cookieName })).resolves.toBe("staff-1");
  });

  it("joins a session cookie next-auth split into chunks", async () => {
    const token = await encode({ token: { sub: "staff-2" }, secret });
    const jar = [
      { name: `${cookieName}.1`, value: token.slice(100) },
      { name: `${cookieName}.0`, value: token.slice(0, 100) },
    ];
    await expect(staffIdFromSessionCookie(jar, { secret, cookieName })).resolves.toBe("staff-2");
  });

  it("refuses a missing, tampered, foreign or expired cookie", async () => {
    const token = await encode({ token: { sub: "staff-3" }, secret });
    const expired = await encode({ token: { sub: "staff-3" }, secret, maxAge: -60 });
    const foreign = await encode({ token: { sub: "staff-3" }, secret: `${secret}-other` });
    const tampered = `${token.slice(0, -4)}AAAA`;
    for (const value of [tampered, expired, foreign]) {
      await expect(staffIdFromSessionCookie([{ name: cookieName, value }], { secret, cookieName })).resolves.toBeNull();
    }
    await expect(staffIdFromSessionCookie([], { secret, cookieName })).resolves.toBeNull();
  });

  it("uses the secure cookie name on an https console, as next-auth does", () => {
    expect(sessionCookieName("https://console.example")).toBe("__Secure-next-auth.session-token");
  });
});
