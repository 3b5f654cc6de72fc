"use client";

import { useRouter } from "next/navigation";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
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
        <Field id="account-name" label="Display name" errors={fieldErrors.name}>
          <Input
            id="account-name"
            name="name"
            defaultValue={name}
            autoComplete="name"
            aria-invalid={!!fieldErrors.name}
          />
        </Field>
        <Button type="submit">{pending ? "Saving…" : "Save name"}</Button>
      </fieldset>
    </form>
  );
}
