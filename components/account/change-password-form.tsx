"use client";

import { useRouter } from "next/navigation";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/input-field";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import type { TChangePassword } from "@/lib/account/account-schemas";

function endedText(count: number): string {
  if (count === 0) return "Your password is changed.";
  return `Your password is changed. ${count === 1 ? "One other session was" : `${count} other sessions were`} signed out.`;
}

/** A new password, given the current one: an unattended browser cannot change it. */
export function ChangePasswordForm() {
  const router = useRouter();
  const { pending, fieldErrors, message, onSubmit } = useFormSubmission<
    TChangePassword,
    { otherSessionsEnded: number }
  >({
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
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <InputField
          id="current-password"
          label="Current password"
          errors={fieldErrors.currentPassword}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
        />
        <InputField
          id="new-password"
          label="New password"
          errors={fieldErrors.newPassword}
          hint="At least 12 characters. Your other sessions are signed out."
          name="newPassword"
          type="password"
          autoComplete="new-password"
        />
        <Button type="submit">{pending ? "Changing…" : "Change password"}</Button>
      </fieldset>
    </form>
  );
}
