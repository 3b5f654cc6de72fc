"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { answerWithPasskey, PasskeySignInThrottledError, signInWithPasskey } from "@/components/auth/auth-requests";
import { signInErrorMessage } from "@/components/auth/sign-in-messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Passwordless sign-in: the browser offers the passkeys it holds for this console, and one signs in alone. */
export function PasskeySignInButton({ providerId }: { providerId: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn() {
    setPending(true);
    setError(null);
    try {
      let answer: string;
      try {
        answer = await answerWithPasskey();
      } catch (caught) {
        setError(
          caught instanceof PasskeySignInThrottledError
            ? signInErrorMessage("Throttled")
            : "No passkey was used. Try again, or sign in with your password.",
        );
        return;
      }
      const failure = await signInWithPasskey(providerId, answer);
      if (failure) {
        setError(signInErrorMessage(failure === "CredentialsSignin" ? "PasskeyRefused" : failure));
        return;
      }
      router.replace("/merchants");
      router.refresh();
    } catch {
      setError("The console could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        variant="secondary"
        className="w-full"
        disabled={!hydrated || pending}
        data-hydrated={hydrated}
        onClick={() => void signIn()}
      >
        {pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </Button>
    </div>
  );
}
