import type { Metadata } from "next";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { CreateEndpointForm } from "@/components/webhooks/create-endpoint-form";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission } from "@/lib/auth/roles";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const staff = await requirePagePermission("webhooks:read");
  const endpoints = await listWebhookEndpoints(staff);
  const canManage = hasPermission(staff.role, "webhooks:manage");
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Where the console sends link and consent-link events, signed per Standard Webhooks."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          {endpoints.length === 0 ? (
            <EmptyState
              title="No endpoints yet"
              description={canManage ? "Add one to hear about every link change." : "An admin can add one."}
            />
          ) : (
            <Table label="Webhook endpoints">
              <thead>
                <tr>
                  <Th>URL</Th>
                  <Th>Events</Th>
                  <Th>Status</Th>
                  <Th>Last success</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {endpoints.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <Td className="break-all">
                      <Link className="text-blue-700 underline" href={`/webhooks/${endpoint.id}`}>
                        {endpoint.url}
                      </Link>
                      {endpoint.kind === "slack" ? <Badge tone="info">Slack</Badge> : null}
                      {endpoint.description ? <p className="text-xs text-slate-500">{endpoint.description}</p> : null}
                    </Td>
                    <Td className="text-xs">{endpoint.eventTypes || "all"}</Td>
                    <Td>
                      {endpoint.enabled ? (
                        <Badge tone="success">Enabled</Badge>
                      ) : (
                        <>
                          <Badge tone="danger">Disabled</Badge>
                          <p className="text-xs text-slate-600">{endpoint.disabledReason}</p>
                        </>
                      )}
                    </Td>
                    <Td>{endpoint.lastSuccessAt ? <LocalTime iso={endpoint.lastSuccessAt.toISOString()} /> : "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
        {canManage ? (
          <Card>
            <CardHeader title="Add an endpoint" description="Its signing secret is shown once, after adding." />
            <CardBody>
              <CreateEndpointForm />
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
