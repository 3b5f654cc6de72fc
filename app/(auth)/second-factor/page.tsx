import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { TotpEnrolment } from "@/components/account/totp-enrolment";
import { TotpRemoval } from "@/components/account/totp-removal";
import { Alert } from "@/components/ui/alert";
import { getCurrentStaff } from "@/lib/auth/current-staff";
import { hasSecondFactor } from "@/lib/auth/enrol-totp";

export const metadata: Metadata = { title: "Second factor" };

export default async function SecondFactorPage() {
  const staff = await getCurrentStaff();
  if (!staff) redirect("/sign-in");
  const enrolled = await hasSecondFactor(staff.id);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-blue-50 to-slate-100 px-4 py-8">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Second factor</h1>
        {staff.mustEnrolSecondFactor ? (
          <Alert tone="warning">
            Admins must sign in with a second factor. Set up an authenticator app to continue to the console.
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
              No second factor yet: your password alone signs you in.
            </p>
            <TotpEnrolment continueTo="/merchants" />
          </>
        )}
        {staff.mustEnrolSecondFactor ? null : (
          <Link href="/merchants" className="block text-sm text-blue-700 hover:underline">
            Back to the console
          </Link>
        )}
      </div>
    </main>
  );
}
