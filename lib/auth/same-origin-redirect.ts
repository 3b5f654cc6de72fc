/**
 * Where next-auth may send the browser after signing in or out: a place on this console, never elsewhere.
 * A `callbackUrl` is browser input: another origin, a look-alike host (`localhost:3000.evil.example`), a
 * protocol-relative `//host` or a value that is no URL at all reduces to the console's home, without throwing.
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return "/";
  }
  try {
    const target = new URL(url, base);
    if (target.origin !== base.origin) return `${base.origin}/`;
    return `${base.origin}${target.pathname}${target.search}${target.hash}`;
  } catch {
    return `${base.origin}/`;
  }
}

/** Whether a `callbackUrl` already names a place on this console (next-auth refuses other values with a 500). */
export function isSameOriginRedirect(url: string, baseUrl: string): boolean {
  try {
    const base = new URL(baseUrl);
    return new URL(url, base).origin === base.origin;
  } catch {
    return false;
  }
}
