import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentStaff } from "@/lib/auth/current-staff";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getCurrentStaff()) redirect("/merchants");
  const { error } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-blue-50 to-slate-100 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded-xl bg-blue-600 text-xl font-bold text-white">
            M
          </div>
          <h1 className="text-xl font-semibold text-slate-900">MobilePay Link Console</h1>
          <p className="mt-1 text-sm text-slate-500">Sign in with your staff account</p>
        </div>
        <SignInForm initialError={error} />
      </div>
    </main>
  );
}
