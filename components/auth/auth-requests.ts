/**
 * next-auth's browser endpoints, called directly. Its React client would add a session provider, a broadcast
 * channel and a generator runtime to every console page, and the console needs none of them: the server reads
 * the session, and these three requests are all the browser makes.
 */
const AUTH_BASE_PATH = "/api/auth";

async function csrfToken(): Promise<string> {
  const response = await fetch(`${AUTH_BASE_PATH}/csrf`, { credentials: "same-origin" });
  const body = (await response.json()) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== "string") throw new Error("next-auth answered without a CSRF token");
  return body.csrfToken;
}

/** next-auth answers `json=true` posts with the URL it would have redirected to. */
async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string | null }> {
  const response = await fetch(`${AUTH_BASE_PATH}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" }),
    credentials: "same-origin",
  });
  const body = (await response.json().catch(() => null)) as { url?: unknown } | null;
  return { ok: response.ok, url: typeof body?.url === "string" ? body.url : null };
}

/** Signs in with email and password; resolves to next-auth's error code, or null once the session cookie is set. */
export async function signInWithPassword(email: string, password: string, code?: string): Promise<string | null> {
  const { ok, url } = await post("callback/credentials", {
    email,
    password,
    ...(code ? { code } : {}),
    callbackUrl: window.location.href,
  });
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : null;
  return error ?? (ok ? null : "CredentialsSignin");
}

/**
 * Starts an OAuth sign-in: next-auth sets its check cookies and answers with the provider's authorization URL.
 * An answer without one goes to `failureUrl`: the trip never started, so the callback URL would claim too much.
 */
export async function continueWithProvider(providerId: string, callbackUrl: string, failureUrl: string): Promise<void> {
  const { url } = await post(`signin/${encodeURIComponent(providerId)}`, { callbackUrl });
  window.location.assign(url ?? failureUrl);
}

export async function signOutTo(callbackUrl: string): Promise<void> {
  const { url } = await post("signout", { callbackUrl });
  window.location.assign(url ?? callbackUrl);
}
