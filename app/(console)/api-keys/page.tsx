import type { Metadata } from "next";

import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { TokenHandoutSummaryTable } from "@/components/api-keys/token-handout-summary-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { tokenHandoutsThisMonth } from "@/lib/api/list-token-handouts";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { environmentsVisibleTo } from "@/lib/auth/require-environment-access";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission } from "@/lib/auth/roles";
import { describeEnvironment } from "@/lib/mobilepay/environments";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const staff = await requirePagePermission("api-keys:read");
  const mayManage = hasPermission(staff.role, "api-keys:manage");
  const [keys, handouts] = await Promise.all([listApiKeys(staff), tokenHandoutsThisMonth(staff)]);
  const environments = environmentsVisibleTo(staff).map(describeEnvironment);
  const table =
    keys.length > 0 ? (
      <ApiKeysTable keys={keys} mayRevoke={mayManage} />
    ) : (
      <EmptyState
        title="No API keys yet"
        description="An integrator's backend uses an API key to get merchants' tokens and call MobilePay through the console."
      />
    );
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys for the integrator API (/api/v1): each names the environments and scopes it may use."
      />
      <div className="space-y-6">
        {mayManage ? (
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="lg:col-span-2">{table}</div>
            <Card>
              <CardHeader
                title="Create an API key"
                description="The secret is shown once. Only its hash and last four characters are stored."
              />
              <CardBody>
                <CreateApiKeyForm environments={environments} />
              </CardBody>
            </Card>
          </div>
        ) : (
          table
        )}
        <Card>
          <CardHeader
            title="Token handouts this month"
            description="Which key got which merchant's access token since the first of the month (UTC)."
          />
          <CardBody>
            {handouts.length > 0 ? (
              <TokenHandoutSummaryTable rows={handouts} label="Token handouts this month" />
            ) : (
              <p className="text-sm text-slate-500">No access token was handed out this month.</p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
