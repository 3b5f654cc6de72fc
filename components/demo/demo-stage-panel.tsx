"use client";

import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, apiRequest } from "@/lib/http/api-client";

type Outcome = { tone: "success" | "error"; text: string } | null;

/** Sets the stage before a demo: merchants in every state, made through the real flow, or a clean slate. */
export function DemoStagePanel() {
  const [pending, setPending] = useState<"load" | "reset" | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function run(kind: "load" | "reset") {
    setPending(kind);
    setOutcome(null);
    setConfirmingReset(false);
    try {
      if (kind === "load") {
        const { linked } = await apiRequest<{ linked: number }>("/api/demo/merchants", { body: {} });
        setOutcome({
          tone: "success",
          text: `${linked} demo merchants linked through MobilePay's consent and left active, degraded, needing a relink and unlinked; one more link is waiting for its merchant.`,
        });
      } else {
        const { unlinked } = await apiRequest<{ unlinked: number }>("/api/demo/reset", { body: {} });
        setOutcome({ tone: "success", text: `Demo reset: ${unlinked} sandbox merchants unlinked, switches cleared.` });
      }
    } catch (error) {
      setOutcome({
        tone: "error",
        text: error instanceof ApiError ? error.message : "The console could not be reached.",
      });
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="space-y-3">
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending !== null} onClick={() => void run("load")}>
          {pending === "load" ? "Linking demo merchants…" : "Load demo merchants"}
        </Button>
        <Button variant="secondary" disabled={pending !== null} onClick={() => setConfirmingReset(true)}>
          Reset demo
        </Button>
      </div>
      {confirmingReset ? (
        <div
          role="alertdialog"
          aria-label="Confirm reset"
          className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm"
        >
          <p>Unlink every merchant of the built-in sandbox and clear its switches? Their history stays.</p>
          <div className="flex gap-2">
            <Button variant="danger" disabled={pending !== null} onClick={() => void run("reset")}>
              {pending === "reset" ? "Resetting…" : "Unlink and reset"}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmingReset(false)}>
              Keep them
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
