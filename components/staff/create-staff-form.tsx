"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, STAFF_ROLES } from "@/lib/auth/roles";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";

export function CreateStaffForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  // The server validates with the shared schema and answers with per-field messages, shown under each field.
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setMessage(null);
    setErrors({});
    setPending(true);
    try {
      const { staff } = await apiRequest<{ staff: { email: string } }>("/api/staff", {
        body: Object.fromEntries(new FormData(formElement)),
      });
      formElement.reset();
      setMessage({ tone: "success", text: `${staff.email} can now sign in.` });
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        setMessage({ tone: "error", text: error.message });
      } else {
        setMessage({ tone: "error", text: "The console could not be reached." });
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <Field id="new-staff-name" label="Name" errors={errors.name}>
          <Input id="new-staff-name" name="name" aria-invalid={!!errors.name} />
        </Field>
        <Field id="new-staff-email" label="Email" errors={errors.email}>
          <Input id="new-staff-email" name="email" type="email" aria-invalid={!!errors.email} />
        </Field>
        <Field id="new-staff-role" label="Role" errors={errors.role}>
          <Select id="new-staff-role" name="role" defaultValue="support">
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="new-staff-password" label="Initial password" errors={errors.password} hint="At least 12 characters.">
          <Input
            id="new-staff-password"
            name="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={!!errors.password}
          />
        </Field>
        <Button type="submit">{pending ? "Adding…" : "Add staff member"}</Button>
      </fieldset>
    </form>
  );
}
