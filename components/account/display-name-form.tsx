"use client";

import { useRouter } from "next/navigation";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/input-field";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import type { TChangeDisplayName } from "@/lib/account/account-schemas";

/** The name the header and the audit log show for this staff member. */
export function DisplayNameForm({ name }: { name: string }) {
  const router = useRouter();
  const { pending, fieldErrors, message, onSubmit } = useFormSubmission<TChangeDisplayName>({
    path: "/api/account",
    method: "PATCH",
    fields: ["name"],
    succeeded: () => {
      router.refresh();
      return "Your name is saved.";
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <InputField
          id="account-name"
          label="Display name"
          errors={fieldErrors.name}
          name="name"
          defaultValue={name}
          autoComplete="name"
        />
        <Button type="submit">{pending ? "Saving…" : "Save name"}</Button>
      </fieldset>
    </form>
  );
}
