import "server-only";

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { authenticateStaff } from "@/lib/auth/authenticate-staff";
import { ZStaffRoleSchema } from "@/lib/auth/roles";
import { getEnv } from "@/lib/env";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || "unknown";
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env.NEXTAUTH_URL.startsWith("https://"),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Staff account",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const outcome = await authenticateStaff({
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            address: clientAddress(request.headers),
          });
          // next-auth passes a thrown message to the sign-in page as its error code.
          if (outcome.kind === "throttled") throw new Error("Throttled");
          if (outcome.kind === "refused") return null;
          return outcome.staff;
        },
      }),
    ],
    callbacks: {
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
