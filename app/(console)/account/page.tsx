import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { ChangePasswordForm } from "@/components/account/change-password-form";
import { DisplayNameForm } from "@/components/account/display-name-form";
import { OwnSessionsList } from "@/components/account/own-sessions-list";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { listOwnSessions } from "@/lib/account/list-own-sessions";
import { secondFactorSummary } from "@/lib/account/second-factor-summary";
import { getCurrentStaffSession } from "@/lib/auth/current-staff";
import { requirePagePermission, SECOND_FACTOR_PATH } from "@/lib/auth/require-role";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const staff = await requirePagePermission();
  const current = await getCurrentStaffSession();
  if (!current) redirect("/sign-in");
  const [sessions, factors] = await Promise.all([
    listOwnSessions(staff.id, current.sessionId),
    secondFactorSummary(staff.id),
  ]);
  return (
    <>
      <PageHeader title="Account" description={`Signed in as ${staff.email}.`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Name" description="Shown in the console's header and in the audit log." />
          <CardBody>
            <DisplayNameForm name={staff.name} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Password" />
          <CardBody>
            <ChangePasswordForm />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Second factors" />
          <CardBody className="space-y-3 text-sm text-slate-700">
            <p data-testid="second-factor-summary">
              {factors.authenticatorAppSince ? (
                <>
                  Authenticator app set up <LocalTime iso={factors.authenticatorAppSince.toISOString()} />;{" "}
                  {factors.recoveryCodesLeft} recovery {factors.recoveryCodesLeft === 1 ? "code" : "codes"} left.
                </>
              ) : (
                "No second factor: your password alone signs you in."
              )}
            </p>
            <Link href={SECOND_FACTOR_PATH} className="inline-block text-blue-700 hover:underline">
              Manage second factors on the Security page
            </Link>
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader
            title="Active sessions"
            description="Browsers signed in to your account. Signing one out ends it at its next request."
          />
          <CardBody>
            <OwnSessionsList
              sessions={sessions.map((session) => ({
                ...session,
                createdAt: session.createdAt.toISOString(),
                lastSeenAt: session.lastSeenAt.toISOString(),
              }))}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
