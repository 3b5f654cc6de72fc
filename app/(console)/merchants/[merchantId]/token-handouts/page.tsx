import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { TokenHandoutSummaryTable } from "@/components/api-keys/token-handout-summary-table";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { merchantTokenHandouts } from "@/lib/api/list-token-handouts";
import { requirePagePermission } from "@/lib/auth/require-role";

export const metadata: Metadata = { title: "Token handouts" };

export default async function TokenHandoutsPage({ params }: { params: Promise<{ merchantId: string }> }) {
  const staff = await requirePagePermission("merchants:read");
  const { merchantId } = await params;
  const handouts = await merchantTokenHandouts(staff, merchantId);
  if (!handouts) notFound();
  const { merchantName, thisMonth, recent } = handouts;
  return (
    <>
      <PageHeader
        title={
          <>
            Token handouts · <bdi>{merchantName}</bdi>
          </>
        }
        description="Which API keys got this merchant's access token through the integrator API."
        actions={
          <Link href={`/merchants/${encodeURIComponent(merchantId)}`} className={buttonClassName("secondary")}>
            Back to merchant
          </Link>
        }
      />
      {recent.length === 0 ? (
        <EmptyState
          title="No token handouts"
          description="No backend has asked for this merchant's access token through the API yet."
        />
      ) : (
        <div className="space-y-6">
          <Card>
            <CardHeader title="This month" description="One row per API key, since the first of the month (UTC)." />
            <CardBody>
              <TokenHandoutSummaryTable rows={thisMonth} label="Token handouts this month" />
            </CardBody>
          </Card>
          <Table label="Latest token handouts">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>API key</Th>
                <Th>Refreshed first</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {recent.map((handout, index) => (
                <tr key={`${handout.handedOutAt}:${index}`} data-testid="token-handout-row">
                  <Td>
                    <LocalTime iso={handout.handedOutAt} />
                  </Td>
                  <Td>
                    <bdi>{handout.apiKeyName ?? handout.apiKeyId}</bdi>
                    {handout.apiKeyLastFour ? (
                      <span className="ml-2 font-mono text-xs text-slate-500">…{handout.apiKeyLastFour}</span>
                    ) : null}
                  </Td>
                  <Td>{handout.refreshed ? "Yes" : "No"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
