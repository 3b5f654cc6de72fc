"use client";

import { useRouter } from "next/navigation";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { InputField } from "@/components/ui/input-field";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, STAFF_ROLES } from "@/lib/auth/roles";
import type { TCreateStaffUser } from "@/lib/staff/staff-schemas";

export function CreateStaffForm() {
  const router = useRouter();
  const { pending, fieldErrors, message, onSubmit } = useFormSubmission<TCreateStaffUser, { staff: { email: string } }>(
    {
      path: "/api/staff",
      fields: ["name", "email", "role", "password"],
      succeeded: ({ staff }, form) => {
        form.reset();
        router.refresh();
        return `${staff.email} can now sign in.`;
      },
    },
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <InputField id="new-staff-name" label="Name" errors={fieldErrors.name} name="name" />
        <InputField id="new-staff-email" label="Email" errors={fieldErrors.email} name="email" type="email" />
        <Field id="new-staff-role" label="Role" errors={fieldErrors.role}>
          <Select id="new-staff-role" name="role" defaultValue="support">
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </Field>
        <InputField
          id="new-staff-password"
          label="Initial password"
          errors={fieldErrors.password}
          hint="At least 12 characters."
          name="password"
          type="password"
          autoComplete="new-password"
        />
        <Button type="submit">{pending ? "Adding…" : "Add staff member"}</Button>
      </fieldset>
    </form>
  );
}
