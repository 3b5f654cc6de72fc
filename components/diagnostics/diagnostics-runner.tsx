"use client";

import { useState } from "react";

import { DiagnosticCheckList, DiagnosticLevelBadge } from "@/components/diagnostics/diagnostic-check-list";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { worstLevel } from "@/lib/diagnostics/diagnostic-check";
import type { DiagnosticsReport } from "@/lib/diagnostics/diagnostics-schemas";
import { ApiError, apiRequest } from "@/lib/http/api-client";

/** Runs the live checklist on demand: each run asks MobilePay afresh, so nothing shown is older than the click. */
export function DiagnosticsRunner({ environments }: { environments: { id: string; label: string }[] }) {
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function runChecks() {
    setPending(true);
    setFailure(null);
    // A rerun asks MobilePay afresh: the previous answers are dropped rather than shown as if current.
    setReport(null);
    try {
      setReport(await apiRequest<DiagnosticsReport>("/api/diagnostics/run", { body: {} }));
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : "The console could not be reached.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void runChecks()} disabled={pending}>
          {pending ? "Running checks…" : report ? "Run checks again" : "Run checks"}
        </Button>
        <span className="text-sm text-slate-500">
          {report ? (
            <>
              Last run <LocalTime iso={report.ranAt} />
            </>
          ) : (
            `Checks ${environments.map((environment) => environment.label).join(", ") || "no environment"} and this install.`
          )}
        </span>
      </div>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {report ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          {report.environments.map(({ environment, checks }) => (
            <Card key={environment.id}>
              <CardHeader
                title={environment.label}
                description={environment.isSandbox ? "Sandbox environment" : "Production environment"}
                actions={<DiagnosticLevelBadge level={worstLevel(checks)} />}
              />
              <CardBody>
                <DiagnosticCheckList label={`${environment.label} checks`} checks={checks} />
              </CardBody>
            </Card>
          ))}
          <Card>
            <CardHeader
              title="This console"
              description="Cookies and proxy, keep-alive scheduler, encryption keys."
              actions={<DiagnosticLevelBadge level={worstLevel(report.console)} />}
            />
            <CardBody>
              <DiagnosticCheckList label="Console checks" checks={report.console} />
            </CardBody>
          </Card>
        </div>
      ) : null}
    </div>
  );
}
