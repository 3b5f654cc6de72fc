import type { Metadata } from "next";
import Link from "next/link";

import { InvitationsTable } from "@/components/links/invitations-table";
import { MerchantFilters } from "@/components/merchants/merchant-filters";
import { MerchantsTable } from "@/components/merchants/merchants-table";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { environmentsVisibleTo, visibleEnvironmentIds } from "@/lib/auth/require-environment-access";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission } from "@/lib/auth/roles";
import { listInvitations } from "@/lib/links/list-invitations";
import { listMerchants } from "@/lib/merchants/list-merchants";
import { ZMerchantListQuerySchema } from "@/lib/merchants/merchant-list-schemas";
import { describeEnvironment } from "@/lib/mobilepay/environments";

export const metadata: Metadata = { title: "Merchants" };

export default async function MerchantsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const staff = await requirePagePermission("merchants:read");
  const query = ZMerchantListQuerySchema.parse(await searchParams);
  const visibleEnvironments = visibleEnvironmentIds(staff);
  const [{ merchants, total, page, pageCount }, invitations] = await Promise.all([
    listMerchants(query, { environments: visibleEnvironments }),
    listInvitations({ take: 10, environments: visibleEnvironments }),
  ]);
  const environments = environmentsVisibleTo(staff).map(describeEnvironment);
  const environmentLabel = Object.fromEntries(environments.map((environment) => [environment.id, environment.label]));
  const canLink = hasPermission(staff.role, "merchants:link");
  const filtered = Boolean(query.q || query.environment || query.state);
  const pageHref = (target: number) => {
    const params = new URLSearchParams(
      Object.entries({ ...query, page: String(target) }).filter(([, v]) => v) as [string, string][],
    );
    return `/merchants?${params.toString()}`;
  };

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
      {total === 0 && !filtered ? (
        <EmptyState
          title="No merchants linked yet"
          description="Linking a merchant asks them to consent in MobilePay's portal. Once they do, their tokens are kept here, encrypted and refreshed."
          action={
            canLink ? (
              <Link href="/merchants/link" className={buttonClassName("primary")}>
                Link a merchant
              </Link>
            ) : null
          }
        />
      ) : (
        <div className="space-y-4">
          <MerchantFilters query={query} environments={environments} />
          {/* listMerchants returns only the fields the table shows. */}
          <MerchantsTable merchants={merchants} environmentLabel={environmentLabel} />
          <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-600">
            <span>
              {total} merchant{total === 1 ? "" : "s"} · page {page} of {pageCount}
            </span>
            <span className="flex gap-2">
              {page > 1 ? (
                <Link className={buttonClassName("secondary")} href={pageHref(page - 1)}>
                  Previous
                </Link>
              ) : null}
              {page < pageCount ? (
                <Link className={buttonClassName("secondary")} href={pageHref(page + 1)}>
                  Next
                </Link>
              ) : null}
            </span>
          </nav>
        </div>
      )}
      {invitations.length > 0 ? (
        <div className="mt-10">
          <h2 className="mb-3 text-lg font-semibold text-slate-900">Recent consent links</h2>
          {/* Only what the table shows reaches the browser. */}
          <InvitationsTable
            environmentLabel={environmentLabel}
            invitations={invitations.map((invitation) => ({
              id: invitation.id,
              merchantName: invitation.merchantName,
              vatNumber: invitation.vatNumber,
              environment: invitation.environment,
              state: invitation.state,
              failureReason: invitation.failureReason,
              createdAt: invitation.createdAt.toISOString(),
              createdByLabel: invitation.createdByLabel,
            }))}
          />
        </div>
      ) : null}
    </>
  );
}
