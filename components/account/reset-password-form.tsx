"use client";

import Link from "next/link";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmissionForm } from "@/components/ui/submission-form";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { UNREACHABLE_TRY_AGAIN_TEXT } from "@/components/ui/unreachable-text";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { TSetPasswordFromLink } from "@/lib/account/account-schemas";

/** The new password for the account a reset link is for; the link works once. */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const hydrated = useHydrated();
  const [done, setDone] = useState(false);
  const form = useFormSubmission<TSetPasswordFromLink>({
    path: `/api/password-reset/${encodeURIComponent(token)}`,
    fields: ["password"],
    unreachableText: UNREACHABLE_TRY_AGAIN_TEXT,
    succeeded: () => setDone(true),
  });

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
    <SubmissionForm
      submission={form}
      hydrated={hydrated}
      intro={
        <>
          <p className="text-sm text-slate-700">
            For <span className="font-medium">{email}</span>.
          </p>
          {/* Lets a password manager file the new password under the right account. */}
          <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
        </>
      }
    >
      <NewPasswordField
        id="reset-new-password"
        label="New password"
        name="password"
        errors={form.fieldErrors.password}
      />
      <Button type="submit">{form.pending ? "Saving…" : "Set password"}</Button>
    </SubmissionForm>
  );
}
