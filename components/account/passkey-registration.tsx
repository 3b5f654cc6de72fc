"use client";

import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ApiError, apiRequest } from "@/lib/http/api-client";

/** Adding a passkey: the console makes a challenge, the browser makes the passkey, the console keeps it. */
export function PasskeyRegistration({ continueTo }: { continueTo?: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  const [pending, setPending] = useState(false);

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    setPending(true);
    setError(null);
    setAdded(false);
    try {
      // The WebAuthn library loads beside the challenge, when a passkey is added, not with the account page.
      const [{ options }, { startRegistration }] = await Promise.all([
        apiRequest<{ options: PublicKeyCredentialCreationOptionsJSON }>("/api/account/passkeys/options", {
          method: "POST",
        }),
        import("@simplewebauthn/browser"),
      ]);
      let response: RegistrationResponseJSON;
      try {
        response = await startRegistration({ optionsJSON: options });
      } catch {
        setError("No passkey was made. Try again, or use another device.");
        return;
      }
      await apiRequest("/api/account/passkeys", { method: "POST", body: { name, response } });
      form.reset();
      setAdded(true);
      if (continueTo) router.replace(continueTo);
      router.refresh();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : "The console could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void register(event)} className="space-y-3" data-hydrated={hydrated}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {added ? <Alert tone="success">The passkey is added.</Alert> : null}
      <Field id="passkey-name" label="Passkey name" hint="To tell your devices apart, e.g. “Work laptop”.">
        <Input id="passkey-name" name="name" maxLength={60} required />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending || !hydrated}>
        {pending ? "Waiting for your device…" : "Add a passkey"}
      </Button>
    </form>
  );
}
