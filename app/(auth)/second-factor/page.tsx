import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { PasskeyRegistration } from "@/components/account/passkey-registration";
import { PasskeyRemoval } from "@/components/account/passkey-removal";
import { TotpEnrolment } from "@/components/account/totp-enrolment";
import { TotpRemoval } from "@/components/account/totp-removal";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { getCurrentStaff } from "@/lib/auth/current-staff";
import { hasTotp } from "@/lib/auth/enrol-totp";
import { listPasskeys } from "@/lib/auth/manage-passkeys";

export const metadata: Metadata = { title: "Second factor" };

export default async function SecondFactorPage() {
  const staff = await getCurrentStaff();
  if (!staff) redirect("/sign-in");
  const enrolled = await hasTotp(staff.id);
  const passkeys = await listPasskeys(staff.id);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-blue-50 to-slate-100 px-4 py-8">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Second factor</h1>
        {staff.mustEnrolSecondFactor ? (
          <Alert tone="warning">
            Admins must sign in with a second factor. Set up an authenticator app or add a passkey to continue to the
            console.
          </Alert>
        ) : null}
        {enrolled ? (
          <>
            <p className="text-sm text-slate-700" data-testid="second-factor-state">
              An authenticator app is set up: signing in with your password also asks for its code.
            </p>
            <TotpRemoval />
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="second-factor-state">
              {passkeys.length > 0
                ? "No authenticator app: signing in with your password asks for one of your passkeys."
                : "No second factor yet: your password alone signs you in."}
            </p>
            <TotpEnrolment continueTo="/merchants" />
          </>
        )}
        <section className="space-y-3 border-t border-slate-200 pt-4" aria-labelledby="passkeys-heading">
          <h2 id="passkeys-heading" className="text-base font-semibold text-slate-900">
            Passkeys
          </h2>
          <p className="text-sm text-slate-700">
            A passkey on this device or a security key signs you in without a password, or stands in for the
            authenticator app&apos;s code after it.
          </p>
          {passkeys.length > 0 ? (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="passkey-list">
              {passkeys.map((passkey) => (
                <li key={passkey.id} className="flex items-start justify-between gap-3 p-3 text-sm">
                  <div>
                    <div className="font-medium text-slate-900">{passkey.name}</div>
                    <div className="text-xs text-slate-500">
                      Added <LocalTime iso={passkey.createdAt.toISOString()} /> · Last used{" "}
                      {passkey.lastUsedAt ? <LocalTime iso={passkey.lastUsedAt.toISOString()} /> : "never"}
                    </div>
                  </div>
                  <PasskeyRemoval passkeyId={passkey.id} name={passkey.name} />
                </li>
              ))}
            </ul>
          ) : null}
          <PasskeyRegistration continueTo={staff.mustEnrolSecondFactor ? "/merchants" : undefined} />
        </section>
        {staff.mustEnrolSecondFactor ? null : (
          <Link href="/merchants" className="block text-sm text-blue-700 hover:underline">
            Back to the console
          </Link>
        )}
      </div>
    </main>
  );
}
