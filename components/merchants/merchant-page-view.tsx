"use client";

import Link from "next/link";
import { lazy, Suspense, type ReactNode } from "react";

import { MerchantTimeline } from "@/components/inspection/merchant-timeline";
import { invalidateLiveQuery, useLiveQuery } from "@/components/live/use-live-query";
import { ConnectionStateBadge } from "@/components/merchants/connection-state-badge";
import { MerchantActions } from "@/components/merchants/merchant-actions";
import { RefreshNowButton } from "@/components/merchants/refresh-now-button";
import { RelativeTime } from "@/components/merchants/relative-time";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { apiRequest } from "@/lib/http/api-client";
import type { MerchantDetail } from "@/lib/merchants/get-merchant-detail";
import { merchantViewQueryKey, readMerchantViewAnswer } from "@/lib/merchants/merchant-view-answer";
import { CONNECTION_STATE_WORDS, stateOfFailureKind } from "@/lib/tokens/connection-state-words";

// The sections below the connection and the timeline: the server renders them into the page as before, and their
// code arrives as a chunk of its own after the page's; React hydrates them once it is there.
const MerchantInspectionSections = lazy(() =>
  import("@/components/merchants/merchant-inspection-sections").then((module) => ({
    default: module.MerchantInspectionSections,
  })),
);

/** Every few seconds matches the 5-minute access tokens: an expiry or a refresh shows up almost at once. */
const POLL_INTERVAL_MS = 5_000;

export type MerchantPagePermissions = {
  canRefresh: boolean;
  canLink: boolean;
  canUnlink: boolean;
  canReveal: boolean;
};

async function fetchView(merchantId: string): Promise<MerchantDetail> {
  const view = readMerchantViewAnswer(await apiRequest<unknown>(`/api/merchants/${merchantId}/view`), merchantId);
  if (!view) throw new Error("unexpected answer about the merchant");
  return view;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 break-words text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Lineage({ lineage }: { lineage: NonNullable<MerchantDetail["lineage"]> }) {
  return (
    <span className="font-mono text-xs" data-testid="lineage">
      generation {lineage.generation} · refresh token {lineage.refreshTokenFingerprint}
      {lineage.previousRefreshTokenFingerprint ? ` (was ${lineage.previousRefreshTokenFingerprint})` : ""} ·{" "}
      {lineage.rotationMode} · {lineage.refreshCount} refreshes · {lineage.raceRecoveries} race recoveries
    </span>
  );
}

/**
 * The merchant page's changeable parts, all drawn from one polled answer: the header badge, the connection,
 * the timeline, the lineage, the tokens table and the buttons cannot disagree, and an action asks for the
 * answer again at once instead of waiting for the next poll. The server renders the first answer into the page.
 */
export function MerchantPageView({
  initial,
  permissions,
  clockSkew,
}: {
  initial: MerchantDetail;
  permissions: MerchantPagePermissions;
  /** MobilePay's clock, probed on the server while the page streams. */
  clockSkew: ReactNode;
}) {
  const merchantId = initial.merchant.id;
  const queryKey = merchantViewQueryKey(merchantId);
  const query = useLiveQuery({
    queryKey,
    queryFn: () => fetchView(merchantId),
    initialData: initial,
    refetchInterval: POLL_INTERVAL_MS,
  });
  const detail = query.data ?? initial;
  const { merchant, tokenSet, failure, lineage } = detail;
  const hasTokens = tokenSet !== null;
  const readAgain = () => invalidateLiveQuery(queryKey);
  const failureState = stateOfFailureKind(failure?.kind);

  return (
    <>
      <PageHeader
        title={<bdi>{merchant.name}</bdi>}
        description={`${merchant.vatNumber} · ${merchant.environment.label}`}
        actions={
          <div className="flex items-center gap-3">
            <Link href={`/merchants/${merchant.id}/calls`} className={buttonClassName("secondary")}>
              Sample calls
            </Link>
            <span data-testid="header-state">
              <ConnectionStateBadge state={detail.state} />
            </span>
          </div>
        }
      />
      {query.status === "error" ? (
        <p className="mb-4 text-sm text-amber-800" role="status" data-testid="live-view-stale">
          Live updates paused: the console could not be reached. The page shows what it last read and keeps trying.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Connection" description="Updates by itself while the page is open." />
          <CardBody>
            <dl>
              <Fact label="State" testId="connection-state">
                <ConnectionStateBadge state={detail.state} />
              </Fact>
              {failure && failureState ? (
                <Fact label="Last failure" testId="last-failure">
                  <span className="font-medium">{CONNECTION_STATE_WORDS[failureState]}</span>
                  {failure.at ? (
                    <span className="text-slate-500">
                      {" "}
                      since <LocalTime iso={failure.at} />
                    </span>
                  ) : null}
                  {failure.reason ? <span className="block text-slate-600">{failure.reason}</span> : null}
                </Fact>
              ) : null}
              <Fact label="MobilePay merchant id">{merchant.mobilePayId ?? "—"}</Fact>
              <Fact label="Consenting portal user (sub)">{merchant.subject ?? "—"}</Fact>
              <Fact label="Issuer">{merchant.issuer ?? "—"}</Fact>
              <Fact label="Products requested">{merchant.products.join(", ")}</Fact>
              <Fact label="Scopes granted">
                {tokenSet ? (
                  <span className="flex flex-wrap gap-1">
                    {tokenSet.grantedScopes.map((scope) => (
                      <Badge key={scope}>{scope}</Badge>
                    ))}
                  </span>
                ) : (
                  "—"
                )}
              </Fact>
              <Fact label="Access token expires" testId="access-token-expires">
                {tokenSet ? <RelativeTime iso={tokenSet.accessTokenExpiresAt} /> : "—"}
              </Fact>
              <Fact label="Lineage">{lineage ? <Lineage lineage={lineage} /> : "—"}</Fact>
              <Fact label="Encryption key">
                {tokenSet ? <span className="font-mono text-xs">{tokenSet.keyId}</span> : "—"}
              </Fact>
              <Fact label="Last activity">
                <LocalTime iso={merchant.lastActivityAt} />
              </Fact>
            </dl>
            <div className="mt-4 space-y-4 border-t border-slate-100 pt-4">
              {permissions.canRefresh && hasTokens ? (
                <RefreshNowButton merchantId={merchant.id} onSettled={readAgain} />
              ) : null}
              <MerchantActions
                merchantId={merchant.id}
                products={merchant.products}
                canLink={permissions.canLink}
                canUnlink={permissions.canUnlink}
                hasTokens={hasTokens}
                onChanged={readAgain}
              />
            </div>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Timeline"
            description="Invitations, consent, refreshes, failures and calls, newest first."
          />
          <CardBody className="max-h-[32rem] overflow-y-auto">
            <MerchantTimeline merchantId={merchant.id} entries={detail.timeline} />
          </CardBody>
        </Card>
        <Suspense>
          <MerchantInspectionSections detail={detail} canReveal={permissions.canReveal} clockSkew={clockSkew} />
        </Suspense>
      </div>
    </>
  );
}
