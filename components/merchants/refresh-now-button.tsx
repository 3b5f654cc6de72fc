"use client";

import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, apiRequest } from "@/lib/http/api-client";

type RefreshStatus = { status: "idle" | "pending" | "success" } | { status: "error"; message: string };

/**
 * Asks for a refresh now. Success and failure both change what the page shows (a failure leaves the link
 * degraded or needing a relink), so the page is told either way.
 */
export function RefreshNowButton({ merchantId, onSettled }: { merchantId: string; onSettled: () => Promise<void> }) {
  const [refresh, setRefresh] = useState<RefreshStatus>({ status: "idle" });

  async function refreshNow() {
    setRefresh({ status: "pending" });
    let outcome: RefreshStatus = { status: "success" };
    try {
      await apiRequest(`/api/merchants/${merchantId}/refresh`, { method: "POST", body: {} });
    } catch (error) {
      outcome = {
        status: "error",
        message: error instanceof ApiError ? error.message : "The console could not be reached.",
      };
    }
    await onSettled();
    setRefresh(outcome);
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={refresh.status === "pending"} onClick={() => void refreshNow()}>
        {refresh.status === "pending" ? "Refreshing…" : "Refresh now"}
      </Button>
      {refresh.status === "error" ? <Alert tone="error">{refresh.message}</Alert> : null}
      {refresh.status === "success" ? (
        <Alert tone="success">Refresh done; the page shows the state it left.</Alert>
      ) : null}
    </div>
  );
}
