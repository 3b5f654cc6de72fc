"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, apiRequest } from "@/lib/http/api-client";

/** Removing the authenticator app takes a current code, so an unattended session cannot do it. */
export function TotpRemoval() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setPending(true);
    setError(null);
    try {
      await apiRequest("/api/account/totp", { method: "DELETE", body: { code } });
      router.refresh();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : "The console could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void remove(event)} className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="removal-code" label="Code from the app, or a recovery code">
        <Input id="removal-code" name="code" autoComplete="one-time-code" required />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Remove the authenticator app
      </Button>
    </form>
  );
}
