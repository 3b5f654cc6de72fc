import { INVOICE_OPERATIONS } from "@/lib/calls/invoice-sample-operations";
import type { SampleOperation } from "@/lib/calls/sample-operation";
import { SUBSCRIPTIONS_OPERATIONS } from "@/lib/calls/subscriptions-sample-operations";

/** Every sample call the console offers, in the order the page lists them. */
export const SAMPLE_OPERATIONS: readonly SampleOperation[] = [...INVOICE_OPERATIONS, ...SUBSCRIPTIONS_OPERATIONS];

export function findSampleOperation(id: string): SampleOperation | undefined {
  return SAMPLE_OPERATIONS.find((operation) => operation.id === id);
}
