import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { ReplayMessageButton } from "@/components/webhooks/replay-message-button";
import { requirePagePermission } from "@/lib/auth/require-role";
import { hasPermission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getWebhookEndpointDetail } from "@/lib/webhooks/list-webhook-endpoints";

export const metadata: Metadata = { title: "Webhook endpoint" };

const STATUS_TONE = { delivered: "success", pending: "warning", failed: "danger" } as const;

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const staff = await requirePagePermission("webhooks:read");
  const { endpointId } = await params;
  const detail = await getWebhookEndpointDetail(staff, endpointId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { endpoint, deliveries } = detail;
  const canManage = hasPermission(staff.role, "webhooks:manage");
  return (
    <>
      <PageHeader title={endpoint.url} description={endpoint.description || `A ${endpoint.kind} endpoint.`} />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Settings" />
          <CardBody className="space-y-2 text-sm">
            <p>
              Status: {endpoint.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="danger">Disabled</Badge>}{" "}
              {endpoint.disabledReason ? <span className="text-slate-600">{endpoint.disabledReason}</span> : null}
            </p>
            <p>Events: {endpoint.eventTypes || "all"}</p>
            <p>Environments: {endpoint.environments || "all"}</p>
            {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? (
              <p>
                The previous secret signs too until <LocalTime iso={endpoint.previousSecretExpiresAt.toISOString()} />.
              </p>
            ) : null}
            {canManage ? <EndpointActions endpointId={endpoint.id} enabled={endpoint.enabled} /> : null}
          </CardBody>
        </Card>
        {deliveries.length === 0 ? (
          <EmptyState title="No messages yet" description="Messages appear here as events happen." />
        ) : (
          <Table label="Messages">
            <thead>
              <tr>
                <Th>Event</Th>
                <Th>Status</Th>
                <Th>Attempts</Th>
                {canManage ? <Th>Replay</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((delivery) => (
                <tr key={delivery.id} data-testid="webhook-message">
                  <Td>
                    <code>{delivery.event.type}</code>
                    <p className="text-xs text-slate-500">
                      {delivery.event.merchantName ? `${delivery.event.merchantName} · ` : ""}
                      <LocalTime iso={delivery.event.occurredAt.toISOString()} /> · {delivery.event.id}
                    </p>
                  </Td>
                  <Td>
                    <Badge tone={STATUS_TONE[delivery.status as keyof typeof STATUS_TONE] ?? "neutral"}>
                      {delivery.status}
                    </Badge>
                    {delivery.status === "pending" && delivery.attempts > 0 ? (
                      <p className="text-xs text-slate-500">
                        next <LocalTime iso={delivery.nextAttemptAt.toISOString()} />
                      </p>
                    ) : null}
                  </Td>
                  <Td>
                    <ul className="space-y-1 text-xs">
                      {delivery.attemptLog.map((attempt) => (
                        <li key={attempt.id} data-testid="webhook-attempt">
                          <LocalTime iso={attempt.attemptedAt.toISOString()} /> · {attempt.outcome}
                          {attempt.statusCode ? ` · HTTP ${attempt.statusCode}` : ""} · {attempt.latencyMs} ms
                          {attempt.trigger !== "schedule" ? ` · ${attempt.trigger}` : ""}
                          {attempt.error ? <span className="text-red-700"> · {attempt.error}</span> : null}
                          {attempt.responseBody ? (
                            <pre className="mt-1 max-w-md overflow-x-auto rounded bg-slate-50 p-1 whitespace-pre-wrap">
                              {attempt.responseBody}
                            </pre>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </Td>
                  {canManage ? (
                    <Td>
                      <ReplayMessageButton endpointId={endpoint.id} deliveryId={delivery.id} />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </>
  );
}
