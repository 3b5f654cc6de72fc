"use client";

import { invalidateLiveQuery, useLiveQuery } from "@/components/live/use-live-query";
import type { TRunSampleCall } from "@/lib/calls/sample-call-request";
import type { RunSampleCallResult, SampleCallsData } from "@/lib/calls/sample-call-view";
import { apiRequest } from "@/lib/http/api-client";

const sampleCallsKey = (merchantId: string) => ["merchants", merchantId, "sample-calls"] as const;

/** History and received callbacks; polls because callbacks arrive on MobilePay's schedule, not ours. */
export function useSampleCallsQuery(merchantId: string, initialData: SampleCallsData): SampleCallsData {
  const query = useLiveQuery({
    queryKey: sampleCallsKey(merchantId),
    queryFn: () => apiRequest<SampleCallsData>(`/api/merchants/${merchantId}/calls`),
    initialData,
    refetchInterval: 3_000,
  });
  return query.data ?? initialData;
}

/** Runs one call; the history polls at once afterwards, whatever the outcome, so it shows what was stored. */
export async function runSampleCall(merchantId: string, request: TRunSampleCall): Promise<RunSampleCallResult> {
  try {
    return await apiRequest<RunSampleCallResult>(`/api/merchants/${merchantId}/calls`, { body: request });
  } finally {
    await invalidateLiveQuery(sampleCallsKey(merchantId));
  }
}
