"use client";

import { useRouter } from "next/navigation";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
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
        <Field id="current-password" label="Current password" errors={fieldErrors.currentPassword}>
          <Input
            id="current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            aria-invalid={!!fieldErrors.currentPassword}
          />
        </Field>
        <Field
          id="new-password"
          label="New password"
          errors={fieldErrors.newPassword}
          hint="At least 12 characters. Your other sessions are signed out."
        >
          <Input
            id="new-password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            aria-invalid={!!fieldErrors.newPassword}
          />
        </Field>
        <Button type="submit">{pending ? "Changing…" : "Change password"}</Button>
      </fieldset>
    </form>
  );
}
