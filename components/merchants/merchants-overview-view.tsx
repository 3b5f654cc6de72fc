"use client";

import Link from "next/link";
import { lazy, Suspense } from "react";

import { invalidateLiveQuery, useLiveQuery } from "@/components/live/use-live-query";
import { MerchantFilters } from "@/components/merchants/merchant-filters";
import { MerchantHealthStrip } from "@/components/merchants/merchant-health-strip";
import { MerchantsTable } from "@/components/merchants/merchants-table";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { apiRequest } from "@/lib/http/api-client";
import type { MerchantsOverview } from "@/lib/merchants/get-merchants-overview";
import type { TMerchantListQuery } from "@/lib/merchants/merchant-list-schemas";
import type { MerchantListState } from "@/lib/merchants/merchant-list-states";
import { readMerchantsOverviewAnswer } from "@/lib/merchants/merchants-overview-answer";

// The recent consent links sit below the list: the server renders them into the page as before, and the table's
// code (resend, cancel, the new link's QR code) arrives as a chunk of its own after the page's; React hydrates
// the table once it is there.
const InvitationsTable = lazy(() =>
  import("@/components/links/invitations-table").then((module) => ({ default: module.InvitationsTable })),
);

/** As the merchant page: a state change anywhere shows up within a few seconds. */
const POLL_INTERVAL_MS = 5_000;

function queryString(query: Partial<TMerchantListQuery>): string {
  const entries = Object.entries(query).filter(([, value]) => value !== undefined && value !== "" && value !== 1);
  return new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
}

async function fetchOverview(query: TMerchantListQuery): Promise<MerchantsOverview> {
  const overview = readMerchantsOverviewAnswer(await apiRequest<unknown>(`/api/merchants?${queryString(query)}`));
  if (!overview) throw new Error("unexpected answer about the merchants");
  return overview;
}

/**
 * The merchants list, kept current by polling one answer for its filters: the count per state, the page of
 * merchants and the recent consent links. Resending or cancelling a link asks for the answer again at once.
 */
export function MerchantsOverviewView({
  initial,
  query,
  environments,
  manageableEnvironments,
  canLink,
  canRunDemo,
}: {
  initial: MerchantsOverview;
  query: TMerchantListQuery;
  environments: { id: string; label: string }[];
  manageableEnvironments: string[];
  canLink: boolean;
  /** Demo and admin staff on a console with the built-in sandbox: an empty list offers the demo's merchants. */
  canRunDemo: boolean;
}) {
  const queryKey = ["merchants", "overview", queryString(query)] as const;
  const live = useLiveQuery({
    queryKey,
    queryFn: () => fetchOverview(query),
    initialData: initial,
    refetchInterval: POLL_INTERVAL_MS,
  });
  const overview = live.data ?? initial;
  const { merchants, total, page, pageCount, stateCounts, invitations } = overview;
  const environmentLabel = Object.fromEntries(environments.map((environment) => [environment.id, environment.label]));
  const filtered = Boolean(query.q || query.environment || query.state);
  const hrefFor = (changes: Partial<TMerchantListQuery>) =>
    `/merchants?${queryString({ ...query, page: undefined, ...changes })}`;
  const stateHref = (state: MerchantListState | undefined) => hrefFor({ state });
  const anyMerchant = Object.values(stateCounts).some((count) => count > 0);

  return (
    <>
      {total === 0 && !filtered && !anyMerchant ? (
        <EmptyState
          title="No merchants linked yet"
          description="Linking a merchant asks them to consent in MobilePay's portal. Once they do, their tokens are kept here, encrypted and refreshed."
          action={
            <span className="flex flex-wrap justify-center gap-2">
              {canLink ? (
                <Link href="/merchants/link" className={buttonClassName("primary")}>
                  Link a merchant
                </Link>
              ) : null}
              {canRunDemo ? (
                <Link href="/demo" className={buttonClassName("secondary")}>
                  Load demo merchants
                </Link>
              ) : null}
            </span>
          }
        />
      ) : (
        <div className="space-y-4">
          <MerchantHealthStrip counts={stateCounts} selected={query.state} hrefFor={stateHref} />
          {/* Keyed by the query, so the form shows the filters of the page it is on after a navigation. */}
          <MerchantFilters key={queryString(query)} query={query} environments={environments} />
          <MerchantsTable merchants={merchants} environmentLabel={environmentLabel} />
          <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-600">
            <span>
              {total} merchant{total === 1 ? "" : "s"} · page {page} of {pageCount}
            </span>
            <span className="flex gap-2">
              {page > 1 ? (
                <Link className={buttonClassName("secondary")} href={hrefFor({ page: page - 1 })}>
                  Previous
                </Link>
              ) : null}
              {page < pageCount ? (
                <Link className={buttonClassName("secondary")} href={hrefFor({ page: page + 1 })}>
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
          <Suspense>
            <InvitationsTable
              environmentLabel={environmentLabel}
              invitations={invitations}
              manageableEnvironments={manageableEnvironments}
              onChanged={() => invalidateLiveQuery(queryKey)}
            />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}
