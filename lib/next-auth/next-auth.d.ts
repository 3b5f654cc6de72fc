import type { StaffRole } from "@/lib/auth/roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: StaffRole };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: string;
    /** The account's session generation when this session was issued; a raised generation ends it. */
    sessionGeneration?: number;
    /** The StaffSession record of this browser: ending it ends this session alone. */
    sessionId?: string;
    /** How this session was signed in: a password (perhaps with a second factor) or company SSO. */
    signInMethod?: "password" | "sso";
  }
}
