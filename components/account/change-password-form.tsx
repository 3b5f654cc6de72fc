"use client";

import { useRouter } from "next/navigation";

import { Button } from "@/components/ui/button";
import { SubmissionForm } from "@/components/ui/submission-form";
import { InputField } from "@/components/ui/input-field";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import type { TChangePassword } from "@/lib/account/account-schemas";

function endedText(count: number): string {
  if (count === 0) return "Your password is changed.";
  return `Your password is changed. ${count === 1 ? "One other session was" : `${count} other sessions were`} signed out.`;
}

/** A new password, given the current one: an unattended browser cannot change it. */
export function ChangePasswordForm() {
  const router = useRouter();
  const form = useFormSubmission<TChangePassword, { otherSessionsEnded: number }>({
    path: "/api/account/password",
    method: "PUT",
    fields: ["currentPassword", "newPassword"],
    succeeded: ({ otherSessionsEnded }, form) => {
      form.reset();
      router.refresh();
      return endedText(otherSessionsEnded);
    },
  });

  return (
    <SubmissionForm submission={form}>
      <InputField
        id="current-password"
        label="Current password"
        errors={form.fieldErrors.currentPassword}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
      />
      <NewPasswordField
        id="new-password"
        label="New password"
        name="newPassword"
        errors={form.fieldErrors.newPassword}
        note="Your other sessions are signed out."
      />
      <Button type="submit">{form.pending ? "Changing…" : "Change password"}</Button>
    </SubmissionForm>
  );
}
