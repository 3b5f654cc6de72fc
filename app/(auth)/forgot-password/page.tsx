import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { getCurrentStaff } from "@/lib/auth/current-staff";
import { getEnv } from "@/lib/env";
import { mailSettings } from "@/lib/mail/mail-settings";

export const metadata: Metadata = { title: "Forgot password" };

/** A reset link by mail for someone who cannot sign in; there only with a mail server and password sign-in. */
export default async function ForgotPasswordPage() {
  const env = getEnv();
  if (!mailSettings(env) || !env.STAFF_PASSWORD_SIGN_IN) notFound();
  if (await getCurrentStaff()) redirect("/merchants");
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-blue-50 to-slate-100 px-4 py-8">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Forgot your password?</h1>
        <p className="text-sm text-slate-600">
          Enter the email of your staff account. If it has an active account here, a link to set a new password is
          mailed to it.
        </p>
        <ForgotPasswordForm />
      </div>
    </main>
  );
}
