import type { Metadata } from "next";
import Link from "next/link";

import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { findUsablePasswordReset, UNUSABLE_RESET_LINK_MESSAGE } from "@/lib/account/reset-password-with-link";
import { getEnv } from "@/lib/env";
import { mailSettings } from "@/lib/mail/mail-settings";

export const metadata: Metadata = { title: "Set a new password" };

/** Opened from a reset link an admin passed on or the console mailed; the person is not signed in (they may be locked out). */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findUsablePasswordReset(token);
  const env = getEnv();
  const selfService = !!mailSettings(env) && env.STAFF_PASSWORD_SIGN_IN;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-blue-50 to-slate-100 px-4 py-8">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Set a new password</h1>
        {reset ? (
          <ResetPasswordForm token={token} email={reset.email} />
        ) : (
          <>
            <Alert tone="warning">{UNUSABLE_RESET_LINK_MESSAGE}</Alert>
            {selfService ? (
              <Link href="/forgot-password" className="block text-sm text-blue-700 hover:underline">
                Get a new link by mail
              </Link>
            ) : null}
            <Link href="/sign-in" className="block text-sm text-blue-700 hover:underline">
              Go to sign-in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
