"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";

function endedText(count: number): string {
  if (count === 0) return "Your password is changed.";
  return `Your password is changed. ${count === 1 ? "One other session was" : `${count} other sessions were`} signed out.`;
}

/** A new password, given the current one: an unattended browser cannot change it. */
export function ChangePasswordForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setErrors({});
    setMessage(null);
    try {
      const { otherSessionsEnded } = await apiRequest<{ otherSessionsEnded: number }>("/api/account/password", {
        method: "PUT",
        body: {
          currentPassword: String(form.get("currentPassword") ?? ""),
          newPassword: String(form.get("newPassword") ?? ""),
        },
      });
      formElement.reset();
      setMessage({ tone: "success", text: endedText(otherSessionsEnded) });
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
        <Field id="current-password" label="Current password" errors={errors.currentPassword}>
          <Input
            id="current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            aria-invalid={!!errors.currentPassword}
          />
        </Field>
        <Field
          id="new-password"
          label="New password"
          errors={errors.newPassword}
          hint="At least 12 characters. Your other sessions are signed out."
        >
          <Input
            id="new-password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            aria-invalid={!!errors.newPassword}
          />
        </Field>
        <Button type="submit">{pending ? "Changing…" : "Change password"}</Button>
      </fieldset>
    </form>
  );
}
