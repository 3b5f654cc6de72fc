import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { PasskeySignInButton } from "@/components/auth/passkey-sign-in-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignInButton } from "@/components/auth/sso-sign-in-button";
import { Alert } from "@/components/ui/alert";
import { signInErrorMessage } from "@/components/auth/sign-in-messages";
import { getCurrentStaff } from "@/lib/auth/current-staff";
import { PASSKEY_PROVIDER_ID } from "@/lib/auth/passkey-schemas";
import { STAFF_SSO_PROVIDER_ID, staffSsoSettings } from "@/lib/auth/staff-sso-settings";
import { getEnv } from "@/lib/env";
import { mailSettings } from "@/lib/mail/mail-settings";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getCurrentStaff()) redirect("/merchants");
  const { error } = await searchParams;
  const env = getEnv();
  const sso = staffSsoSettings(env);
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
        {sso ? (
          <div className="mb-4 space-y-3">
            {!env.STAFF_PASSWORD_SIGN_IN && error ? <Alert tone="error">{signInErrorMessage(error)}</Alert> : null}
            <SsoSignInButton providerId={STAFF_SSO_PROVIDER_ID} label={sso.label} />
            {env.STAFF_PASSWORD_SIGN_IN ? (
              <p className="text-center text-xs text-slate-500">or with a password</p>
            ) : null}
          </div>
        ) : null}
        {env.STAFF_PASSWORD_SIGN_IN ? (
          <>
            <SignInForm initialError={error} />
            <div className="mt-4">
              <PasskeySignInButton providerId={PASSKEY_PROVIDER_ID} />
            </div>
            {mailSettings(env) ? (
              <p className="mt-4 text-center text-sm">
                <Link href="/forgot-password" className="text-blue-700 hover:underline">
                  Forgot password?
                </Link>
              </p>
            ) : null}
          </>
        ) : null}
      </div>
    </main>
  );
}
