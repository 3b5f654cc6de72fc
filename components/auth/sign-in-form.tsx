"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { answerWithPasskey, signInWithPassword } from "@/components/auth/auth-requests";
import { signInErrorMessage } from "@/components/auth/sign-in-messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";

export function SignInForm({ initialError }: { initialError?: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError));
  // After a right password for an account with a second factor: the same form asks for its code too.
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await submit(form, askCode ? { code: String(form.get("code") ?? "") } : undefined);
  }

  /** The second factor as a passkey instead of a code: the browser signs, then the same form is sent. */
  async function answerWithPasskeyInstead(form: HTMLFormElement | null) {
    if (!form) return;
    let passkey: string;
    try {
      passkey = await answerWithPasskey();
    } catch {
      setError("No passkey was used. Try again, or enter a code.");
      return;
    }
    await submit(new FormData(form), { passkey });
  }

  async function submit(form: FormData, secondFactor?: { code: string } | { passkey: string }) {
    setPending(true);
    setError(null);
    try {
      const failure = await signInWithPassword(
        String(form.get("email") ?? ""),
        String(form.get("password") ?? ""),
        secondFactor,
      );
      if (failure === "SecondFactorRequired") {
        setAskCode(true);
        return;
      }
      if (failure) {
        setError(signInErrorMessage(failure));
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
    <form
      onSubmit={(event) => void onSubmit(event)}
      data-hydrated={hydrated}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <fieldset disabled={pending || !hydrated} className="space-y-4">
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="username" required />
        </Field>
        <Field id="password" label="Password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        {askCode ? (
          <Field
            id="code"
            label="Authentication code"
            hint="Six digits from your authenticator app, or a recovery code."
          >
            <Input id="code" name="code" autoComplete="one-time-code" autoFocus required />
          </Field>
        ) : null}
        {askCode ? (
          <Button
            variant="secondary"
            className="w-full"
            onClick={(event) => void answerWithPasskeyInstead(event.currentTarget.form)}
          >
            Use a passkey instead
          </Button>
        ) : null}
        <Button type="submit" className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </fieldset>
    </form>
  );
}
