import type { Metadata } from "next";

import { DiagnosticsRunner } from "@/components/diagnostics/diagnostics-runner";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { environmentsVisibleTo } from "@/lib/auth/require-environment-access";
import { requirePagePermission } from "@/lib/auth/require-role";
import { getConfigurationSummary } from "@/lib/diagnostics/configuration-summary";
import { describeEnvironment } from "@/lib/mobilepay/environments";

export const metadata: Metadata = { title: "Diagnostics" };

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 font-mono text-slate-900">{value}</dd>
    </div>
  );
}

export default async function DiagnosticsPage() {
  const staff = await requirePagePermission("diagnostics:read");
  const summary = await getConfigurationSummary();
  const environments = environmentsVisibleTo(staff).map(describeEnvironment);
  return (
    <>
      <PageHeader title="Diagnostics" description="How this console is configured, and what it would need to change." />
      <section aria-label="Live checks" className="mb-8">
        <DiagnosticsRunner environments={environments} />
      </section>
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Card>
          <CardHeader title="Storage and encryption" />
          <CardBody>
            <dl className="divide-y divide-slate-100">
              <Row label="Database" value={summary.database} />
              <Row label="Encryption key in use" value={summary.encryptionKeyInUse} />
              <Row label="Known keys" value={summary.knownEncryptionKeys.join(", ")} />
              <Row
                label="Token sets per key"
                value={
                  summary.tokenSetsPerKey.length === 0
                    ? "none stored"
                    : summary.tokenSetsPerKey.map((row) => `${row.keyId}: ${row.count}`).join(", ")
                }
              />
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Environments" />
          <CardBody>
            <dl className="divide-y divide-slate-100">
              <Row label="Built-in sandbox" value={summary.sandbox ? summary.sandbox.url : "disabled"} />
              {summary.sandbox ? <Row label="Sandbox client id" value={summary.sandbox.clientId} /> : null}
              {environments
                .filter((environment) => environment.id !== "sandbox")
                .map((environment) => (
                  <Row key={environment.id} label={environment.label} value="configured" />
                ))}
            </dl>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
