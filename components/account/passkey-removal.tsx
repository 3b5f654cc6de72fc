"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ApiError, apiRequest } from "@/lib/http/api-client";

/**
 * Removing one passkey. It takes a second factor used in the last few minutes; past that, the console asks for
 * a code from the authenticator app here, or says to sign in again with a passkey.
 */
export function PasskeyRemoval({ passkeyId, name }: { passkeyId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState("");
  const [pending, setPending] = useState(false);

  async function remove() {
    setPending(true);
    setError(null);
    try {
      await apiRequest(`/api/account/passkeys/${encodeURIComponent(passkeyId)}`, {
        method: "DELETE",
        body: askCode && code ? { secondFactorCode: code } : {},
      });
      router.refresh();
    } catch (failure) {
      if (failure instanceof ApiError && failure.fieldErrors.secondFactorCode) setAskCode(true);
      setError(failure instanceof ApiError ? failure.message : "The console could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {askCode ? (
        <Input
          aria-label={`Code to remove ${name}`}
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      ) : null}
      <Button variant="secondary" disabled={pending} onClick={() => void remove()} aria-label={`Remove ${name}`}>
        Remove
      </Button>
    </div>
  );
}
