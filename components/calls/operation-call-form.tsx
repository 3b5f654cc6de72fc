"use client";

import { useMemo } from "react";

import { SampleCallForm } from "@/components/calls/sample-call-form";
import { knownIdsFrom } from "@/lib/calls/known-ids";
import { findOperationForm } from "@/lib/calls/operation-forms";
import type { PrefillContext } from "@/lib/calls/sample-call-context";
import type { SampleCallView } from "@/lib/calls/sample-call-view";
import type { FieldErrors } from "@/lib/errors";

/**
 * The form of one sample call, pre-filled from the merchant's facts and the ids earlier calls returned. It holds
 * every operation's fields, hints and sample values, so the page loads it after hydration instead of with the page.
 */
export function OperationCallForm({
  operationId,
  calls,
  context,
  disabledReason,
  pending,
  serverErrors,
  onRun,
}: {
  operationId: string;
  /** The call history, newest first: successful answers fill in the ids the next call needs. */
  calls: readonly SampleCallView[];
  context: Omit<PrefillContext, "known">;
  disabledReason: string | null;
  pending: boolean;
  serverErrors: FieldErrors;
  onRun: (values: Record<string, string | boolean>) => void;
}) {
  const known = useMemo(() => knownIdsFrom(calls), [calls]);
  const operation = findOperationForm(operationId);
  if (!operation) return null;
  return (
    <SampleCallForm
      key={`${operation.id}:${JSON.stringify(known)}`}
      operation={operation}
      context={{ ...context, known }}
      disabledReason={disabledReason}
      pending={pending}
      serverErrors={serverErrors}
      onRun={onRun}
    />
  );
}
