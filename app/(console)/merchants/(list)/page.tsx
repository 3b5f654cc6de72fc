import type { Metadata } from "next";
import Link from "next/link";

import { MerchantsOverviewView } from "@/components/merchants/merchants-overview-view";
import { buttonClassName } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { environmentsVisibleTo } from "@/lib/auth/require-environment-access";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission } from "@/lib/auth/roles";
import { getEnv } from "@/lib/env";
import { getMerchantsOverview, invitationEnvironmentsManagedBy } from "@/lib/merchants/get-merchants-overview";
import { ZMerchantListQuerySchema } from "@/lib/merchants/merchant-list-schemas";
import { describeEnvironment } from "@/lib/mobilepay/environments";

export const metadata: Metadata = { title: "Merchants" };

/** Renders the list's first answer; the view then polls GET /api/merchants with the same filters. */
export default async function MerchantsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const staff = await requirePagePermission("merchants:read");
  const query = ZMerchantListQuerySchema.parse(await searchParams);
  const overview = await getMerchantsOverview(query, staff);
  const environments = environmentsVisibleTo(staff)
    .map(describeEnvironment)
    .map(({ id, label }) => ({ id, label }));
  const canLink = hasPermission(staff.role, "merchants:link");

  return (
    <>
      <PageHeader
        title="Merchants"
        description="MobilePay merchants linked to this integrator, in every environment."
        actions={
          canLink ? (
            <Link href="/merchants/link" className={buttonClassName("primary")}>
              Link a merchant
            </Link>
          ) : null
        }
      />
      <MerchantsOverviewView
        initial={overview}
        query={query}
        environments={environments}
        manageableEnvironments={invitationEnvironmentsManagedBy(staff)}
        canLink={canLink}
        canRunDemo={hasPermission(staff.role, "demo:run") && getEnv().SANDBOX_ENABLED}
      />
    </>
  );
}
