import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { ClaimsTable } from "@/components/merchants/claims-table";
import { ConnectionStateBadge } from "@/components/merchants/connection-state-badge";
import { MerchantActions } from "@/components/merchants/merchant-actions";
import { RelativeTime } from "@/components/merchants/relative-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission, mayUseEnvironment } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getMerchantDetail, type MerchantDetail } from "@/lib/merchants/get-merchant-detail";

export const metadata: Metadata = { title: "Merchant" };

async function load(merchantId: string): Promise<MerchantDetail> {
  try {
    return await getMerchantDetail(merchantId);
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
  const detail = await load(merchantId);
  const { merchant, tokenSet } = detail;
  const mayAct = mayUseEnvironment(staff.role, merchant.environment.isSandbox);
  return (
    <>
      <PageHeader
        title={merchant.name}
        description={`${merchant.vatNumber} · ${merchant.environment.label}`}
        actions={<ConnectionStateBadge state={detail.state} />}
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
                {tokenSet ? <RelativeTime iso={tokenSet.accessTokenExpiresAt} live /> : "—"}
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
                <RelativeTime iso={merchant.lastActivityAt} />
              </Fact>
            </dl>
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
          <CardHeader title="Recent activity" />
          <CardBody>
            <ol className="space-y-2 text-sm">
              {detail.auditEvents.map((event) => (
                <li key={event.id} className="flex items-start justify-between gap-3">
                  <span>
                    <span className="font-mono text-xs">{event.action}</span>{" "}
                    <span className="text-slate-500">by {event.actorLabel}</span>
                  </span>
                  <span className="text-xs whitespace-nowrap text-slate-500">
                    <RelativeTime iso={event.occurredAt} />
                  </span>
                </li>
              ))}
            </ol>
          </CardBody>
        </Card>
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
              <CardHeader title="Access token claims" />
              <CardBody>
                <ClaimsTable title="Access token claims" claims={tokenSet.accessTokenClaims} />
              </CardBody>
            </Card>
          </>
        ) : null}
        <Card className="lg:col-span-2">
          <CardHeader
            title="Consent attempts"
            description="What the console checked on each response from MobilePay."
          />
          <CardBody className="space-y-4">
            {detail.callbackRecords.length === 0 ? <p className="text-sm text-slate-500">No responses yet.</p> : null}
            {detail.callbackRecords.map((record) => (
              <details key={record.id} className="rounded-md border border-slate-200 p-3">
                <summary className="cursor-pointer text-sm">
                  <Badge tone={record.outcome === "passed" ? "success" : "danger"}>{record.outcome}</Badge>{" "}
                  <RelativeTime iso={record.receivedAt} />
                  {record.failedCheck ? (
                    <span className="ml-2 font-mono text-xs">failed: {record.failedCheck}</span>
                  ) : null}
                </summary>
                <ul className="mt-2 space-y-1 text-sm">
                  {record.checks.map((check, index) => (
                    <li key={`${check.name}-${index}`} className="flex gap-2">
                      <span aria-label={check.passed ? "passed" : "failed"}>{check.passed ? "✓" : "✗"}</span>
                      <span className="font-mono text-xs">{check.name}</span>
                      <span className="text-slate-500">{check.detail}</span>
                    </li>
                  ))}
                </ul>
              </details>
            ))}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
