import type { Metadata } from "next";

import { CreateInvitationForm } from "@/components/links/create-invitation-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { mayUseEnvironment } from "@/lib/auth/roles";
import { describeEnvironment, getEnvironments } from "@/lib/mobilepay/environments";

export const metadata: Metadata = { title: "Link a merchant" };

export default async function LinkMerchantPage() {
  const staff = await requirePagePermission("merchants:link");
  const environments = getEnvironments()
    .filter((environment) => mayUseEnvironment(staff.role, environment.isSandbox))
    .map(describeEnvironment);
  return (
    <>
      <PageHeader
        title="Link a merchant"
        description="Create a consent link for the merchant. They log in to MobilePay, allow access, and their tokens are stored here."
      />
      <Card className="max-w-2xl">
        <CardHeader title="Consent link" description="Single use; it expires after 7 days." />
        <CardBody>
          <CreateInvitationForm environments={environments} />
        </CardBody>
      </Card>
    </>
  );
}
