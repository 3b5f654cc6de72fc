import NextAuth from "next-auth";
import type { NextRequest } from "next/server";

import { getAuthOptions } from "@/lib/auth/auth-options";

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: NextAuthContext) {
  const nextAuth = NextAuth(getAuthOptions()) as (request: NextRequest, context: NextAuthContext) => Promise<Response>;
  return nextAuth(request, context);
}

export { handler as GET, handler as POST };
