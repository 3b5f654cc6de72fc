/** Cookies a response set, as a Cookie header value (name=value pairs only). */
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
}

/**
 * Signs a staff user in through next-auth's credentials endpoint, as the sign-in form does: fetch the
 * CSRF token (and its cookie), post the credentials, keep the session cookie it sets.
 */
export async function signInStaff(consoleUrl: string, staff: { email: string; password: string }): Promise<string> {
  const csrf = await fetch(`${consoleUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${consoleUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: staff.email, password: staff.password, json: "true" }),
  });
  await response.arrayBuffer();
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`sign-in did not set a session cookie (HTTP ${response.status})`);
  return [...jar, session].join("; ");
}
