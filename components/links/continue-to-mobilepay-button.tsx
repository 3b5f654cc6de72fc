"use client";

import { useState } from "react";

import { continueWithProvider } from "@/components/auth/auth-requests";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ApiError, apiRequest } from "@/lib/http/api-client";

export function ContinueToMobilePayButton({ token, providerId }: { token: string; providerId: string }) {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onContinue() {
    setPending(true);
    setError(null);
    try {
      await apiRequest(`/api/link/${encodeURIComponent(token)}/start`, { method: "POST", body: {} });
      // The server pins every authorization parameter; nothing is passed from here.
      await continueWithProvider(providerId, "/link/complete?outcome=linked", "/link/complete?outcome=unreachable");
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "MobilePay could not be reached. Try again.");
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button className="w-full" disabled={!hydrated || pending} onClick={() => void onContinue()}>
        {pending ? "Opening MobilePay…" : "Continue to MobilePay"}
      </Button>
    </div>
  );
}
