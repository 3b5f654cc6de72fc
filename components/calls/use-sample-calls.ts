"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { TRunSampleCall } from "@/lib/calls/sample-call-request";
import type { RunSampleCallResult, SampleCallsData } from "@/lib/calls/sample-call-view";
import { apiRequest } from "@/lib/http/api-client";

const sampleCallsKey = (merchantId: string) => ["merchants", merchantId, "sample-calls"] as const;

/** History and received callbacks; polls because callbacks arrive on MobilePay's schedule, not ours. */
export function useSampleCallsQuery(merchantId: string, initialData: SampleCallsData) {
  return useQuery({
    queryKey: sampleCallsKey(merchantId),
    queryFn: () => apiRequest<SampleCallsData>(`/api/merchants/${merchantId}/calls`),
    initialData,
    refetchInterval: 3_000,
  });
}

export function useRunSampleCallMutation(merchantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: TRunSampleCall) =>
      apiRequest<RunSampleCallResult>(`/api/merchants/${merchantId}/calls`, { body: request }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sampleCallsKey(merchantId) }),
  });
}
