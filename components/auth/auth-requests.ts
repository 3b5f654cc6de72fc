import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";

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

/** next-auth's error code for a credentials post, or null once the session cookie is set. */
async function credentialsSignIn(providerId: string, fields: Record<string, string>): Promise<string | null> {
  const { ok, url } = await post(`callback/${providerId}`, { ...fields, callbackUrl: window.location.href });
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : null;
  return error ?? (ok ? null : "CredentialsSignin");
}

/**
 * Signs in with email and password, and a code or a passkey's answer as the second factor when the account
 * asked for one; resolves to next-auth's error code, or null once the session cookie is set.
 */
export async function signInWithPassword(
  email: string,
  password: string,
  secondFactor?: { code: string } | { passkey: string },
): Promise<string | null> {
  return credentialsSignIn("credentials", { email, password, ...secondFactor });
}

/** The console refused to hand out another challenge to this address for now. */
export class PasskeySignInThrottledError extends Error {
  constructor() {
    super("Too many passkey sign-ins from this address");
    this.name = "PasskeySignInThrottledError";
  }
}

/**
 * Asks the console for a challenge and the browser for a passkey's answer to it, as the JSON text a sign-in
 * posts. Rejects when the staff member cancels or the browser has no passkey for this console.
 */
export async function answerWithPasskey(): Promise<string> {
  // The WebAuthn library loads beside the challenge, on this click only: the sign-out button of every console
  // page imports this module, and most sign-ins never use a passkey.
  const [response, { startAuthentication }] = await Promise.all([
    fetch("/api/passkey-sign-in", { method: "POST", credentials: "same-origin" }),
    import("@simplewebauthn/browser"),
  ]);
  const body = (await response.json().catch(() => null)) as { options?: PublicKeyCredentialRequestOptionsJSON } | null;
  if (response.status === 429) throw new PasskeySignInThrottledError();
  if (!response.ok || !body?.options) throw new Error("Passkey sign-in is unavailable");
  return JSON.stringify(await startAuthentication({ optionsJSON: body.options }));
}

/** A passwordless sign-in with a passkey's answer; resolves like a password sign-in. */
export async function signInWithPasskey(providerId: string, answer: string): Promise<string | null> {
  return credentialsSignIn(providerId, { response: answer });
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
