import "server-only";

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { authenticateStaff, type AuthenticationOutcome } from "@/lib/auth/authenticate-staff";
import { mobilePayProvider } from "@/lib/auth/mobilepay-provider";
import { OAUTH_CHECK_COOKIES } from "@/lib/auth/oauth-check-cookies";
import { ZSignInCredentialsSchema } from "@/lib/auth/sign-in-credentials";
import { ZStaffRoleSchema } from "@/lib/auth/staff-role-schema";
import { getEnv } from "@/lib/env";
import { usesSecureCookies } from "@/lib/auth/session-cookie";
import { completeLink } from "@/lib/links/complete-link";
import { linkCallbackContext } from "@/lib/links/link-callback-context";
import { logger } from "@/lib/logger";
import { getEnvironments } from "@/lib/mobilepay/environments";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || "unknown";
}

/** Library messages may quote state, nonce or code values; keep their words, not the values. */
export function maskOpaqueValues(message: string): string {
  return message.replace(/[A-Za-z0-9_\-.~+/=]{16,}/g, "[…]").slice(0, 300);
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
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
        logger.warn("next-auth error", { nextAuthCode: code, message });
      },
      warn(code) {
        logger.warn("next-auth warning", { nextAuthCode: code });
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Staff account",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = ZSignInCredentialsSchema.safeParse({
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
          });
          if (!parsed.success) return null;
          let outcome: AuthenticationOutcome;
          try {
            outcome = await authenticateStaff({ ...parsed.data, address: clientAddress(request.headers) });
          } catch (error) {
            // next-auth would put the message, with whatever it quotes, into the sign-in page's URL.
            logger.error("staff sign-in failed", { error });
            throw new Error("Unavailable");
          }
          // next-auth passes a thrown message to the sign-in page as its error code.
          if (outcome.kind === "throttled") throw new Error("Throttled");
          if (outcome.kind === "refused") return null;
          return outcome.staff;
        },
      }),
      ...getEnvironments().map(mobilePayProvider),
    ],
    callbacks: {
      async signIn({ account }) {
        if (account?.provider === "credentials") return true;
        // A MobilePay consent: store the merchant's tokens and redirect; never a session.
        const context = linkCallbackContext.getStore();
        if (!context || context.environment.providerId !== account?.provider) return "/link/complete?outcome=failed";
        return completeLink(context, account);
      },
      jwt({ token, user }) {
        // Only the staff identity goes into the session: never any provider token.
        if (user) {
          token.sub = user.id;
          token.role = (user as { role?: string }).role;
        }
        return token;
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
  };
  return cached;
}
