"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";

/** The new password for the account a reset link is for; the link works once. */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const hydrated = useHydrated();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setPending(true);
    setErrors({});
    setFailure(null);
    try {
      await apiRequest(`/api/password-reset/${encodeURIComponent(token)}`, { body: { password } });
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        setFailure(error.message);
      } else {
        setFailure("The console could not be reached. Try again.");
      }
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div className="space-y-3">
        <Alert tone="success">Your password is set. Every earlier session of your account is signed out.</Alert>
        <Link href="/sign-in" className="block text-sm text-blue-700 hover:underline">
          Sign in with your new password
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4" data-hydrated={hydrated}>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <p className="text-sm text-slate-700">
        For <span className="font-medium">{email}</span>.
      </p>
      {/* Lets a password manager file the new password under the right account. */}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <fieldset disabled={pending} className="space-y-4">
        <Field id="reset-new-password" label="New password" errors={errors.password} hint="At least 12 characters.">
          <Input
            id="reset-new-password"
            name="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={!!errors.password}
          />
        </Field>
        <Button type="submit">{pending ? "Saving…" : "Set password"}</Button>
      </fieldset>
    </form>
  );
}
