import type { Metadata } from "next";
import Link from "next/link";

import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { findUsablePasswordReset, UNUSABLE_RESET_LINK_MESSAGE } from "@/lib/account/reset-password-with-link";

export const metadata: Metadata = { title: "Set a new password" };

/** Opened from a reset link an admin passed on; the person is not signed in (they may be locked out). */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findUsablePasswordReset(token);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-blue-50 to-slate-100 px-4 py-8">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Set a new password</h1>
        {reset ? (
          <ResetPasswordForm token={token} email={reset.email} />
        ) : (
          <>
            <Alert tone="warning">{UNUSABLE_RESET_LINK_MESSAGE}</Alert>
            <Link href="/sign-in" className="block text-sm text-blue-700 hover:underline">
              Go to sign-in
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
