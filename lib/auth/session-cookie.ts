import { decode } from "next-auth/jwt";

import type { StaffSession } from "@/lib/auth/find-active-staff";

type Cookie = { name: string; value: string };

/** Whether next-auth marks its cookies Secure (and gives them the __Secure- prefix) for this console URL. */
export function usesSecureCookies(consoleUrl: string): boolean {
  return consoleUrl.startsWith("https://");
}

/** The name next-auth gives the session cookie under the auth options' useSecureCookies. */
export function sessionCookieName(consoleUrl: string): string {
  return usesSecureCookies(consoleUrl) ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** next-auth splits a session cookie above 4 kB into `name.0`, `name.1`, …; joined in order they are the token. */
function sessionCookieValue(jar: Cookie[], name: string): string | null {
  const whole = jar.find((cookie) => cookie.name === name);
  if (whole) return whole.value;
  const chunks = jar
    .filter((cookie) => cookie.name.startsWith(`${name}.`))
    .map((cookie) => ({ index: Number(cookie.name.slice(name.length + 1)), value: cookie.value }))
    .filter((chunk) => Number.isInteger(chunk.index))
    .sort((a, b) => a.index - b.index);
  return chunks.length > 0 ? chunks.map((chunk) => chunk.value).join("") : null;
}

/**
 * The staff id, session record and generation sealed in the session cookie, or null. Reading the cookie directly costs one decryption;
 * next-auth's getServerSession runs its whole session endpoint for it (options, callbacks, and a
 * re-encrypted cookie that a server component cannot even set). Integrity and expiry are checked the same.
 */
export async function staffSessionFromCookie(
  jar: Cookie[],
  options: { secret: string; cookieName: string },
): Promise<StaffSession | null> {
  const token = sessionCookieValue(jar, options.cookieName);
  if (!token) return null;
  try {
    const claims = await decode({ token, secret: options.secret });
    if (typeof claims?.sub !== "string" || !claims.sub) return null;
    // A cookie issued before sessions carried a generation and a session record cannot be ended on the server:
    // not signed in.
    if (typeof claims.sessionGeneration !== "number" || !Number.isInteger(claims.sessionGeneration)) return null;
    if (typeof claims.sessionId !== "string" || !claims.sessionId) return null;
    const signInMethod = claims.signInMethod === "sso" ? "sso" : "password";
    return {
      staffId: claims.sub,
      sessionId: claims.sessionId,
      sessionGeneration: claims.sessionGeneration,
      signInMethod,
    };
  } catch {
    // Tampered, expired or sealed with another secret: not signed in.
    return null;
  }
}
