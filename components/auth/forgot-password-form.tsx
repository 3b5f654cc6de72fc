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

/** Asks for a reset link by mail; the answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const hydrated = useHydrated();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    setErrors({});
    setFailure(null);
    try {
      const { message } = await apiRequest<{ message: string }>("/api/password-reset-request", { body: { email } });
      setAnswer(message);
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

  if (answer) {
    return (
      <div className="space-y-3">
        <Alert tone="success">{answer}</Alert>
        <Link href="/sign-in" className="block text-sm text-blue-700 hover:underline">
          Back to sign-in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4" data-hydrated={hydrated}>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <Field id="forgot-password-email" label="Email" errors={errors.email}>
          <Input
            id="forgot-password-email"
            name="email"
            type="email"
            autoComplete="username"
            aria-invalid={!!errors.email}
          />
        </Field>
        <Button type="submit">{pending ? "Sending…" : "Send reset link"}</Button>
      </fieldset>
      <Link href="/sign-in" className="block text-sm text-blue-700 hover:underline">
        Back to sign-in
      </Link>
    </form>
  );
}
