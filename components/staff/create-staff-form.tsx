"use client";

import { useRouter } from "next/navigation";

import { Button } from "@/components/ui/button";
import { SubmissionForm } from "@/components/ui/submission-form";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { InputField } from "@/components/ui/input-field";
import { NewPasswordField } from "@/components/ui/new-password-field";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, STAFF_ROLES } from "@/lib/auth/roles";
import type { TCreateStaffUser } from "@/lib/staff/staff-schemas";

export function CreateStaffForm() {
  const router = useRouter();
  const form = useFormSubmission<TCreateStaffUser, { staff: { email: string } }>({
    path: "/api/staff",
    fields: ["name", "email", "role", "password"],
    succeeded: ({ staff }, form) => {
      form.reset();
      router.refresh();
      return `${staff.email} can now sign in.`;
    },
  });

  return (
    <SubmissionForm submission={form}>
      <InputField id="new-staff-name" label="Name" errors={form.fieldErrors.name} name="name" />
      <InputField id="new-staff-email" label="Email" errors={form.fieldErrors.email} name="email" type="email" />
      <Field id="new-staff-role" label="Role" errors={form.fieldErrors.role}>
        <Select id="new-staff-role" name="role" defaultValue="support">
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
      </Field>
      <NewPasswordField
        id="new-staff-password"
        label="Initial password"
        name="password"
        errors={form.fieldErrors.password}
      />
      <Button type="submit">{form.pending ? "Adding…" : "Add staff member"}</Button>
    </SubmissionForm>
  );
}
