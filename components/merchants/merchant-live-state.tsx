"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { invalidateLiveQuery, useLiveQuery } from "@/components/live/use-live-query";
import { ConnectionStateBadge } from "@/components/merchants/connection-state-badge";
import { RelativeTime } from "@/components/merchants/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, apiRequest } from "@/lib/http/api-client";
import {
  merchantStateQueryKey,
  readMerchantLiveState,
  type TMerchantLiveState,
} from "@/lib/inspection/merchant-live-state";

/** Polling every few seconds matches the 5-minute access tokens: an expiry or refresh shows up almost at once. */
const POLL_INTERVAL_MS = 5_000;

async function fetchState(merchantId: string): Promise<TMerchantLiveState> {
  const state = readMerchantLiveState(await apiRequest<unknown>(`/api/merchants/${merchantId}/state`));
  if (!state) throw new Error("unexpected state answer");
  return state;
}

type RefreshStatus = { status: "idle" | "pending" | "success" } | { status: "error"; message: string };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 break-all text-slate-900">{children}</dd>
    </div>
  );
}

/** The merchant's connection as it is now, polled live; quiet when the state cannot be read. */
export function MerchantLiveState({ merchantId, canRefresh }: { merchantId: string; canRefresh: boolean }) {
  const router = useRouter();
  const query = useLiveQuery({
    queryKey: merchantStateQueryKey(merchantId),
    queryFn: () => fetchState(merchantId),
    refetchInterval: POLL_INTERVAL_MS,
    retry: false,
  });
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
    await invalidateLiveQuery(merchantStateQueryKey(merchantId));
    router.refresh();
    setRefresh(outcome);
  }

  const state = query.data;
  return (
    <section aria-label="Live connection state" className="space-y-2">
      {state ? (
        <dl>
          <Row label="Live state">
            <ConnectionStateBadge state={state.state} />
          </Row>
          <Row label="Access token expires">
            {state.accessTokenExpiresAt ? <RelativeTime iso={state.accessTokenExpiresAt} /> : "—"}
          </Row>
          {state.failureKind ? (
            <Row label="Last failure">
              <span className="font-mono text-xs">{state.failureKind}</span>
              {state.failureReason ? <span className="block text-slate-600">{state.failureReason}</span> : null}
            </Row>
          ) : null}
          {state.lineage ? (
            <Row label="Lineage">
              <span className="font-mono text-xs" data-testid="lineage">
                generation {state.lineage.generation} · refresh token {state.lineage.refreshTokenFingerprint}
                {state.lineage.previousRefreshTokenFingerprint
                  ? ` (was ${state.lineage.previousRefreshTokenFingerprint})`
                  : ""}{" "}
                · {state.lineage.rotationMode} · {state.lineage.refreshCount} refreshes · {state.lineage.raceRecoveries}{" "}
                race recoveries
              </span>
            </Row>
          ) : null}
        </dl>
      ) : (
        <p className="text-sm text-slate-500" data-testid="live-state-unavailable">
          {query.status === "pending"
            ? "Reading the live state…"
            : "State unavailable right now; the facts below are from page load."}
        </p>
      )}
      {canRefresh ? (
        <div className="space-y-2">
          <Button variant="secondary" disabled={refresh.status === "pending"} onClick={() => void refreshNow()}>
            {refresh.status === "pending" ? "Refreshing…" : "Refresh now"}
          </Button>
          {refresh.status === "error" ? <Alert tone="error">{refresh.message}</Alert> : null}
          {refresh.status === "success" ? (
            <Alert tone="success">Refresh requested; the state above updates by itself.</Alert>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
