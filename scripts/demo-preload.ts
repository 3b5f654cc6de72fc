/**
 * The first `npm run dev` of a fresh clone loads the demo merchants by itself, exactly as the Demo page's
 * "Load demo merchants" button does: signed in as the seeded demo account, through the console's own API, so
 * the merchants are linked through the real consent flow at the built-in sandbox and the audit log says who.
 */
import type { Database } from "@/lib/db/create-client";

export type DemoAccount = { email: string; password: string };

/** A console nobody has used yet: no merchant was ever linked or invited (an unlinked one still has its row). */
export async function isFreshInstall(db: Database): Promise<boolean> {
  const [merchants, invitations] = await Promise.all([db.merchant.count(), db.invitation.count()]);
  return merchants === 0 && invitations === 0;
}

/** The cookies a console sets, kept the way a browser keeps them for one origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const separator = pair.indexOf("=");
      if (separator > 0) this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Signs in with a password the way the sign-in form does; the jar then holds the session cookie. */
async function signIn(consoleUrl: string, account: DemoAccount, jar: CookieJar): Promise<void> {
  const csrfResponse = await fetch(`${consoleUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.keep(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const signedIn = await fetch(`${consoleUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email: account.email, password: account.password, json: "true" }),
  });
  jar.keep(signedIn);
  const location = signedIn.headers.get("location") ?? "";
  if (signedIn.status >= 400 || location.includes("error=")) {
    throw new Error(`the demo account ${account.email} could not sign in (HTTP ${signedIn.status})`);
  }
}

/**
 * The pages a consent passes through, asked for once before the demo runs: a development server compiles each
 * page at its first request, which on a small machine takes longer than the demo's scripted browser waits.
 */
export async function warmUpConsentPages(consoleUrl: string): Promise<void> {
  const requests: [string, RequestInit][] = [
    ["/link/not-a-link", {}],
    ["/api/link/not-a-link/start", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
    ["/link/complete?outcome=linked", {}],
  ];
  for (const [path, init] of requests) {
    // Any answer will do: the request is made for the compile it causes.
    await fetch(`${consoleUrl}${path}`, init)
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
  }
}

/** Presses "Load demo merchants" as the demo account: the merchants linked, or why not. */
export async function loadDemoThroughConsole(consoleUrl: string, account: DemoAccount): Promise<{ linked: number }> {
  const jar = new CookieJar();
  await signIn(consoleUrl, account, jar);
  const loaded = await fetch(`${consoleUrl}/api/demo/merchants`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: consoleUrl, cookie: jar.header() },
    body: "{}",
  });
  if (!loaded.ok) {
    const problem = (await loaded.json().catch(() => ({}))) as { error?: { message?: string } };
    const reason = (problem.error?.message ?? "no reason given").replace(/\.$/, "");
    throw new Error(`loading the demo failed (HTTP ${loaded.status}): ${reason}`);
  }
  return (await loaded.json()) as { linked: number };
}

/** Until the console answers its health check; false when it does not within the time given. */
export async function consoleAnswers(consoleUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${consoleUrl}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
