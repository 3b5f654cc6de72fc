import "server-only";

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";

import { authenticateStaff, type AuthenticationOutcome } from "@/lib/auth/authenticate-staff";
import { authenticateWithPasskey } from "@/lib/auth/authenticate-with-passkey";
import { PASSKEY_PROVIDER_ID, parsePasskeyAnswer } from "@/lib/auth/passkey-schemas";
import { mobilePayProvider } from "@/lib/links/mobilepay-provider";
import { OAUTH_CHECK_COOKIES } from "@/lib/links/oauth-check-cookies";
import { ZSignInCredentialsSchema } from "@/lib/auth/sign-in-credentials";
import { sameOriginRedirect } from "@/lib/auth/same-origin-redirect";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { usesSecureCookies } from "@/lib/auth/session-cookie";
import { senderAddress } from "@/lib/http/sender-address";
import { completeLink } from "@/lib/links/complete-link";
import { linkCallbackContext } from "@/lib/links/link-callback-context";
import { linkStartErrors } from "@/lib/links/link-start-failure";
import { logger } from "@/lib/logger";
import { getEnvironments } from "@/lib/mobilepay/environments";
import { endSessionOnSignOut } from "@/lib/staff/end-staff-sessions";
import { findActiveStaff } from "@/lib/auth/find-active-staff";
import { admitSsoStaff } from "@/lib/auth/admit-sso-staff";
import { STAFF_SSO_PROVIDER_ID, staffSsoSettings } from "@/lib/auth/staff-sso-settings";
import { staffSsoProvider } from "@/lib/next-auth/staff-sso-provider";
import { noteSessionSeen, SESSION_MAX_AGE_SECONDS, startStaffSession } from "@/lib/auth/staff-session-records";
import { userAgentSummary } from "@/lib/auth/user-agent-summary";

/** Thrown while reading a session that has ended: next-auth then answers "no session" and clears the cookie. */
class SessionEndedError extends Error {
  constructor() {
    super("The session has ended");
    this.name = "SessionEndedError";
  }
}

/** The signing-in browser, summarised for the account page's list of sessions. */
async function signingInBrowser(): Promise<string> {
  try {
    return userAgentSummary((await headers()).get("user-agent"));
  } catch {
    // Outside a request (never for a real sign-in): nothing to summarise.
    return userAgentSummary(null);
  }
}

/** Library messages may quote state, nonce or code values; keep their words, not the values. */
export function maskOpaqueValues(message: string): string {
  return message.replace(/[A-Za-z0-9_\-.~+/=]{16,}/g, "[…]").slice(0, 300);
}

/** next-auth passes a thrown message to the sign-in page as its error code; a refusal answers no user. */
async function signInOutcome(attempt: () => Promise<AuthenticationOutcome>) {
  let outcome: AuthenticationOutcome;
  try {
    outcome = await attempt();
  } catch (error) {
    // next-auth would put the message, with whatever it quotes, into the sign-in page's URL.
    logger.error("staff sign-in failed", { error });
    throw new Error("Unavailable");
  }
  if (outcome.kind === "throttled") throw new Error("Throttled");
  if (outcome.kind === "refused") return null;
  if (outcome.kind === "second-factor-required") throw new Error("SecondFactorRequired");
  return outcome.staff;
}

/** One code for every SSO refusal: the page never says whether the email is known here. */
export const SSO_REFUSAL_CODE = "SsoRefused";

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  const sso = staffSsoSettings(env);
  const passwordSignIn = CredentialsProvider({
    id: "credentials",
    name: "Staff account",
    credentials: {
      email: { label: "Email", type: "email" },
      password: { label: "Password", type: "password" },
      code: { label: "Authentication code", type: "text" },
      passkey: { label: "Passkey", type: "text" },
    },
    async authorize(credentials, request) {
      const parsed = ZSignInCredentialsSchema.safeParse({
        email: credentials?.email ?? "",
        password: credentials?.password ?? "",
        code: credentials?.code || undefined,
        passkey: credentials?.passkey || undefined,
      });
      if (!parsed.success) return null;
      const passkey = parsePasskeyAnswer(parsed.data.passkey);
      if (parsed.data.passkey && !passkey) return null;
      return signInOutcome(() =>
        authenticateStaff({
          email: parsed.data.email,
          password: parsed.data.password,
          secondFactorCode: parsed.data.code,
          secondFactorPasskey: passkey ?? undefined,
          address: senderAddress(request.headers),
        }),
      );
    },
  });
  // Passwordless: a passkey alone. Offered with password sign-in only: where staff must come through the
  // company's identity provider, a passkey must not open a way around it.
  const passkeySignIn = CredentialsProvider({
    id: PASSKEY_PROVIDER_ID,
    name: "Passkey",
    credentials: { response: { label: "Passkey", type: "text" } },
    async authorize(credentials, request) {
      const response = parsePasskeyAnswer(credentials?.response);
      if (!response) return null;
      return signInOutcome(() => authenticateWithPasskey({ response, address: senderAddress(request.headers) }));
    },
  });
  cached = {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: usesSecureCookies(env.NEXTAUTH_URL),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    cookies: OAUTH_CHECK_COOKIES,
    logger: {
      error(code, metadata) {
        // Collected for the link's callback record; the metadata never reaches the log.
        const raw = metadata instanceof Error ? metadata.message : (metadata as { error?: Error })?.error?.message;
        const message = raw ? maskOpaqueValues(raw) : undefined;
        linkCallbackContext.getStore()?.nextAuthErrors.push(message ? `${code}: ${message}` : code);
        linkStartErrors.getStore()?.push(message ? `${code}: ${message}` : code);
        logger.warn("next-auth error", { nextAuthCode: code, message });
      },
      warn(code) {
        logger.warn("next-auth warning", { nextAuthCode: code });
      },
      debug() {},
    },
    providers: [
      ...(env.STAFF_PASSWORD_SIGN_IN ? [passwordSignIn, passkeySignIn] : []),
      ...(sso ? [staffSsoProvider(sso)] : []),
      ...getEnvironments().map(mobilePayProvider),
    ],
    callbacks: {
      async signIn({ account, user, profile }) {
        if (account?.provider === "credentials" || account?.provider === PASSKEY_PROVIDER_ID) return true;
        if (account?.provider === STAFF_SSO_PROVIDER_ID && sso) {
          const admission = await admitSsoStaff({ ...profile }, sso);
          if (admission.kind === "refused") return `/sign-in?error=${SSO_REFUSAL_CODE}`;
          // next-auth hands this same object to the jwt callback: the session then names the staff member.
          Object.assign(user, admission.staff, { signInMethod: "sso" });
          return true;
        }
        // A MobilePay consent: store the merchant's tokens and redirect; never a session.
        const context = linkCallbackContext.getStore();
        if (!context || context.environment.providerId !== account?.provider) return "/link/complete?outcome=failed";
        return completeLink(context, account);
      },
      async jwt({ token, user, account }) {
        // Only the staff identity goes into the session: never any provider token.
        if (user) {
          const staff = user as { id: string; role?: string; sessionGeneration?: number; signInMethod?: string };
          const signInMethod = staff.signInMethod === "sso" ? "sso" : "password";
          token.sub = staff.id;
          token.signInMethod = signInMethod;
          token.role = staff.role;
          token.sessionGeneration = staff.sessionGeneration;
          // Each browser's session has a record of its own, so it can be listed and ended alone.
          token.sessionId = await startStaffSession(getDb(), {
            staffId: staff.id,
            signInMethod: account?.provider === PASSKEY_PROVIDER_ID ? "passkey" : signInMethod,
            userAgent: await signingInBrowser(),
          });
          return token;
        }
        // Every read of the session asks the database: an ended session or a disabled account has none,
        // and the role is the one the staff member has now.
        const session =
          token.sub && typeof token.sessionGeneration === "number" && typeof token.sessionId === "string"
            ? { staffId: token.sub, sessionId: token.sessionId, sessionGeneration: token.sessionGeneration }
            : null;
        const staff = session ? await findActiveStaff(getDb(), session) : null;
        if (!session || !staff) throw new SessionEndedError();
        await noteSessionSeen(getDb(), { sessionId: session.sessionId, lastSeenAt: staff.sessionLastSeenAt });
        token.role = staff.role;
        token.name = staff.name;
        token.email = staff.email;
        return token;
      },
      redirect({ url, baseUrl }) {
        return sameOriginRedirect(url, baseUrl);
      },
      session({ session, token }) {
        const role = ZStaffRoleSchema.safeParse(token.role);
        session.user = {
          id: token.sub ?? "",
          email: token.email ?? "",
          name: token.name ?? "",
          role: role.success ? role.data : "support",
        };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        // The cookie is cleared in this browser; its session record ends the session on the server too.
        if (token?.sub && typeof token.sessionGeneration === "number" && typeof token.sessionId === "string") {
          await endSessionOnSignOut({
            staffId: token.sub,
            sessionId: token.sessionId,
            sessionGeneration: token.sessionGeneration,
          });
        }
      },
    },
  };
  return cached;
}
