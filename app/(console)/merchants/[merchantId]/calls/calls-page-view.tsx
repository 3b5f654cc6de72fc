"use client";

import { lazy, Suspense, useState } from "react";

import { CallHistoryTable } from "@/components/calls/call-history-table";
import { ReceivedCallbacksList } from "@/components/calls/received-callbacks-list";
import { RequestInspector } from "@/components/calls/request-inspector";
import { runSampleCall, useSampleCallsQuery } from "@/components/calls/use-sample-calls";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { CallsPageData } from "@/lib/calls/get-calls-page-data";
import type { RunSampleCallResult } from "@/lib/calls/sample-call-view";
import type { FieldErrors } from "@/lib/errors";
import { ApiError } from "@/lib/http/api-client";

const PRODUCT_LABELS = { invoice: "Invoice", subscriptions: "Subscriptions" } as const;

// Every operation's fields and sample values: loaded once the page is interactive, while the form's place shows
// the same placeholder it shows until hydration. The server names the operations for the picker.
const OperationCallForm = lazy(() =>
  import("@/components/calls/operation-call-form").then((module) => ({ default: module.OperationCallForm })),
);

export function CallsPageView({ data }: { data: CallsPageData }) {
  const { merchant, operations } = data;
  const [operationId, setOperationId] = useState(operations[0]?.id ?? "");
  const [lastRun, setLastRun] = useState<RunSampleCallResult | null>(null);
  const [inspectedId, setInspectedId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const history = useSampleCallsQuery(merchant.id, data.history);
  const [pending, setPending] = useState(false);
  // Sample values (unique invoice numbers, external ids) are made in the browser, so the form waits for hydration.
  const hydrated = useHydrated();

  const calls = history.calls;
  const operation = operations.find((candidate) => candidate.id === operationId) ?? operations[0];
  const context = { ...data.rules, appUser: data.appUser, grantedProducts: merchant.grantedProducts };
  const inspected = inspectedId ? calls.find((call) => call.id === inspectedId) : undefined;

  if (!operation) return null;
  const productLabel = PRODUCT_LABELS[operation.product];
  const disabledReason = !data.canRun
    ? merchant.linked
      ? "Your role may not run calls here."
      : "Relink the merchant to run calls."
    : !merchant.grantedProducts.includes(operation.product)
      ? `This link has no ${productLabel} consent — relink with ${productLabel}.`
      : null;

  function chooseOperation(id: string) {
    setOperationId(id);
    setServerErrors({});
    setFailure(null);
  }

  async function onRun(values: Record<string, string | boolean>) {
    if (!operation) return;
    setFailure(null);
    setServerErrors({});
    setPending(true);
    try {
      setLastRun(await runSampleCall(merchant.id, { operation: operation.id, values }));
      setInspectedId(null);
    } catch (error) {
      if (error instanceof ApiError) {
        setServerErrors(error.fieldErrors);
        setFailure(error.message);
      } else {
        setFailure("The console could not be reached.");
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      {!data.canRun ? (
        <Alert tone="info">
          {merchant.linked
            ? "You can read the history of sample calls; running them needs an integrator (or, in sandboxes, demo) role."
            : "This merchant has no active link; its history stays readable."}
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Run a sample call"
            description={`Against ${merchant.environment.label}, through the token service (refresh and one retry on 401).`}
          />
          <CardBody className="space-y-4">
            <Field id="operation" label="Sample call">
              <Select id="operation" value={operation.id} onChange={(event) => chooseOperation(event.target.value)}>
                {(["invoice", "subscriptions"] as const).map((product) => (
                  <optgroup key={product} label={PRODUCT_LABELS[product]}>
                    {operations
                      .filter((candidate) => candidate.product === product)
                      .map((candidate) => (
                        <option key={candidate.id} value={candidate.id}>
                          {candidate.label}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </Select>
            </Field>
            {failure ? <Alert tone="error">{failure}</Alert> : null}
            {hydrated ? (
              <Suspense fallback={<Skeleton className="h-64 w-full" />}>
                <OperationCallForm
                  operationId={operation.id}
                  calls={calls}
                  context={context}
                  disabledReason={disabledReason}
                  pending={pending}
                  serverErrors={serverErrors}
                  onRun={(values) => void onRun(values)}
                />
              </Suspense>
            ) : (
              <Skeleton className="h-64 w-full" />
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Request inspector"
            description="Credentials are masked; curl uses $ACCESS_TOKEN in place of the token."
          />
          <CardBody>
            {inspected ? (
              <RequestInspector call={inspected} />
            ) : lastRun ? (
              <RequestInspector call={lastRun.call} retriedAfter401={lastRun.retriedAfter401} hint={lastRun.hint} />
            ) : (
              <p className="text-sm text-slate-500">Run a call or inspect one from the history.</p>
            )}
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader title="History" description="The last 50 sample calls for this merchant, by anyone." />
        <CardBody>
          <CallHistoryTable
            calls={calls}
            selectedId={inspected?.id ?? lastRun?.call.id ?? null}
            onInspect={setInspectedId}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Received callbacks"
          description="Delivered by MobilePay to this console with the credentials it registered."
        />
        <CardBody>
          <ReceivedCallbacksList callbacks={history.callbacks} />
        </CardBody>
      </Card>
    </div>
  );
}
