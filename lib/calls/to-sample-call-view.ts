import type { SampleCall } from "@prisma/client";

import { callHighlights } from "@/lib/calls/call-highlights";
import { findSampleOperation } from "@/lib/calls/sample-operations";
import type { SampleCallOutcome, SampleCallView } from "@/lib/calls/sample-call-view";
import { curlCommand } from "@/lib/mobilepay/api/curl-command";
import type { HttpMethod } from "@/lib/mobilepay/api/api-exchange";

function headersOf(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** A stored SampleCall row as the inspector shows it, with its curl command. */
export function toSampleCallView(row: SampleCall): SampleCallView {
  const requestHeaders = headersOf(row.requestHeaders);
  return {
    id: row.id,
    operation: row.operation,
    operationLabel: findSampleOperation(row.operation)?.label ?? row.operation,
    product: row.product,
    method: row.method,
    url: row.url,
    requestHeaders,
    requestBody: row.requestBody,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    durationMs: row.durationMs,
    correlationId: row.correlationId,
    refreshed: row.refreshed,
    outcome: row.outcome as SampleCallOutcome,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    staffLabel: row.staffLabel,
    createdAt: row.createdAt.toISOString(),
    curl: curlCommand({ method: row.method as HttpMethod, url: row.url, requestHeaders, requestBody: row.requestBody }),
    highlights: row.outcome === "success" ? callHighlights(row.responseBody) : [],
  };
}
