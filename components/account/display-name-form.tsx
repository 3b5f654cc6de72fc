"use client";

import { useRouter } from "next/navigation";

import { Button } from "@/components/ui/button";
import { SubmissionForm } from "@/components/ui/submission-form";
import { InputField } from "@/components/ui/input-field";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import type { TChangeDisplayName } from "@/lib/account/account-schemas";

/** The name the header and the audit log show for this staff member. */
export function DisplayNameForm({ name }: { name: string }) {
  const router = useRouter();
  const form = useFormSubmission<TChangeDisplayName>({
    path: "/api/account",
    method: "PATCH",
    fields: ["name"],
    succeeded: () => {
      router.refresh();
      return "Your name is saved.";
    },
  });

  return (
    <SubmissionForm submission={form}>
      <InputField
        id="account-name"
        label="Display name"
        errors={form.fieldErrors.name}
        name="name"
        defaultValue={name}
        autoComplete="name"
      />
      <Button type="submit">{form.pending ? "Saving…" : "Save name"}</Button>
    </SubmissionForm>
  );
}
