import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { CallbackChecklist } from "@/components/inspection/callback-checklist";
import { ClockSkewSection } from "@/components/inspection/clock-skew-section";
import { MaskedTokens } from "@/components/inspection/masked-tokens";
import { MerchantTimeline } from "@/components/inspection/merchant-timeline";
import { RevealTokenForm } from "@/components/inspection/reveal-token-form";
import { ScopeDiffTable } from "@/components/inspection/scope-diff-table";
import { ClaimsTable } from "@/components/merchants/claims-table";
import { ConnectionStateBadge } from "@/components/merchants/connection-state-badge";
import { MerchantActions } from "@/components/merchants/merchant-actions";
import { MerchantLiveState } from "@/components/merchants/merchant-live-state";
import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/merchants/relative-time";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission, mayUseEnvironment } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getMerchantDetail, type MerchantDetail } from "@/lib/merchants/get-merchant-detail";

export const metadata: Metadata = { title: "Merchant" };

async function load(merchantId: string, viewer: CurrentStaff): Promise<MerchantDetail> {
  try {
    return await getMerchantDetail(merchantId, viewer);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 break-all text-slate-900">{children}</dd>
    </div>
  );
}

export default async function MerchantPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const staff = await requirePagePermission("merchants:read");
  const { merchantId } = await params;
  const detail = await load(merchantId, staff);
  const { merchant, tokenSet, maskedTokens } = detail;
  const mayAct = mayUseEnvironment(staff.role, merchant.environment.isSandbox);
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
            <ConnectionStateBadge state={detail.state} />
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Connection" />
          <CardBody>
            <dl>
              <Fact label="State">
                <ConnectionStateBadge state={detail.state} />
              </Fact>
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
              <Fact label="Access token expires">
                {tokenSet ? <RelativeTime iso={tokenSet.accessTokenExpiresAt} /> : "—"}
              </Fact>
              <Fact label="Refresh token">
                {tokenSet ? (
                  <span className="font-mono text-xs">
                    fingerprint {tokenSet.refreshTokenFingerprint} · key {tokenSet.keyId} · generation{" "}
                    {tokenSet.version}
                  </span>
                ) : (
                  "—"
                )}
              </Fact>
              <Fact label="Last activity">
                <LocalTime iso={merchant.lastActivityAt} />
              </Fact>
            </dl>
            <div className="mt-4 border-t border-slate-100 pt-4">
              <MerchantLiveState
                merchantId={merchant.id}
                canRefresh={hasPermission(staff.role, "merchants:refresh") && mayAct && tokenSet !== null}
              />
            </div>
            <div className="mt-4">
              <MerchantActions
                merchantId={merchant.id}
                products={merchant.products}
                canLink={hasPermission(staff.role, "merchants:link") && mayAct}
                canUnlink={hasPermission(staff.role, "merchants:unlink") && mayAct}
                hasTokens={tokenSet !== null}
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
        {tokenSet && maskedTokens ? (
          <Card className="lg:col-span-2">
            <CardHeader
              title="Stored tokens"
              description="Masked: type, length, fingerprint and last four characters. The values never reach this page."
            />
            <CardBody className="space-y-4">
              <MaskedTokens tokens={maskedTokens.tokens} />
              {hasPermission(staff.role, "tokens:reveal") ? (
                <details className="rounded-md border border-slate-200 p-3">
                  <summary className="cursor-pointer text-sm font-medium">Reveal a token (admin)</summary>
                  <div className="mt-3 max-w-lg">
                    <RevealTokenForm merchantId={merchant.id} />
                  </div>
                </details>
              ) : null}
            </CardBody>
          </Card>
        ) : null}
        {tokenSet ? (
          <>
            <Card>
              <CardHeader
                title="id_token claims"
                description="From the last token response; the token itself is never shown."
              />
              <CardBody>
                <ClaimsTable title="id_token claims" claims={tokenSet.idTokenClaims} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Access token claims" description="Decoded payload only, without its signature." />
              <CardBody>
                <ClaimsTable title="Access token claims" claims={tokenSet.accessTokenClaims} />
              </CardBody>
            </Card>
            <Card>
              <CardHeader
                title="Scopes"
                description="The products asked for, as scopes, against what MobilePay granted."
              />
              <CardBody>
                <ScopeDiffTable rows={tokenSet.scopeDiff} />
              </CardBody>
            </Card>
          </>
        ) : null}
        <Card>
          <CardHeader
            title="Clock skew"
            description={`MobilePay's clock against this console's; id_tokens are accepted within ${detail.clockToleranceSeconds} s.`}
          />
          <CardBody>
            <Suspense fallback={<Skeleton className="h-24 w-full" />}>
              <ClockSkewSection
                environmentId={merchant.environment.id}
                issuedAtOffsetSeconds={tokenSet?.issuedAtOffsetSeconds ?? null}
                toleranceSeconds={detail.clockToleranceSeconds}
              />
            </Suspense>
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader
            title="Consent attempts"
            description="What the console checked on each response from MobilePay."
          />
          <CardBody className="space-y-4">
            {detail.callbackRecords.length === 0 ? <p className="text-sm text-slate-500">No responses yet.</p> : null}
            {detail.callbackRecords.map((record) => (
              <CallbackChecklist key={record.id} record={record} />
            ))}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
