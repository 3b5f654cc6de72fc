"use client";

import Link from "next/link";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmissionForm } from "@/components/ui/submission-form";
import { InputField } from "@/components/ui/input-field";
import { UNREACHABLE_TRY_AGAIN_TEXT } from "@/components/ui/unreachable-text";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { TRequestPasswordReset } from "@/lib/account/account-schemas";

/** Asks for a reset link by mail; the answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const hydrated = useHydrated();
  const [answer, setAnswer] = useState<string | null>(null);
  const form = useFormSubmission<TRequestPasswordReset, { message: string }>({
    path: "/api/password-reset-request",
    fields: ["email"],
    unreachableText: UNREACHABLE_TRY_AGAIN_TEXT,
    succeeded: ({ message }) => setAnswer(message),
  });

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
    <SubmissionForm
      submission={form}
      hydrated={hydrated}
      after={
        <Link href="/sign-in" className="block text-sm text-blue-700 hover:underline">
          Back to sign-in
        </Link>
      }
    >
      <InputField
        id="forgot-password-email"
        label="Email"
        errors={form.fieldErrors.email}
        name="email"
        type="email"
        autoComplete="username"
      />
      <Button type="submit">{form.pending ? "Sending…" : "Send reset link"}</Button>
    </SubmissionForm>
  );
}
