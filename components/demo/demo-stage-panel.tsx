"use client";

import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/http/api-client";

/** Sets the stage before a demo: merchants in every state, made through the real flow, or a clean slate. */
export function DemoStagePanel() {
  const { pending, message: outcome, run } = useApiAction<"load" | "reset">();
  const [confirmingReset, setConfirmingReset] = useState(false);

  const load = () =>
    run(
      "load",
      () => apiRequest<{ linked: number }>("/api/demo/merchants", { body: {} }),
      ({ linked }) =>
        `${linked} demo merchants linked through MobilePay's consent and left active, degraded, needing a relink and unlinked; one more link is waiting for its merchant.`,
    );
  // The question stays open, saying "Resetting…", until the reset is done.
  const reset = () =>
    run(
      "reset",
      () => apiRequest<{ unlinked: number }>("/api/demo/reset", { body: {} }),
      ({ unlinked }) => {
        setConfirmingReset(false);
        return `Demo reset: ${unlinked} sandbox merchants unlinked, switches cleared.`;
      },
    );

  return (
    <div className="space-y-3">
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending !== null} onClick={() => void load()}>
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
            <Button variant="danger" disabled={pending !== null} onClick={() => void reset()}>
              {pending === "reset" ? "Resetting…" : "Unlink and reset"}
            </Button>
            <Button variant="ghost" disabled={pending !== null} onClick={() => setConfirmingReset(false)}>
              Keep them
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
