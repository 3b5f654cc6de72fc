"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";

/** The name the header and the audit log show for this staff member. */
export function DisplayNameForm({ name }: { name: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setErrors({});
    setMessage(null);
    try {
      await apiRequest("/api/account", { method: "PATCH", body: { name: String(form.get("name") ?? "") } });
      setMessage({ tone: "success", text: "Your name is saved." });
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
        <Field id="account-name" label="Display name" errors={errors.name}>
          <Input id="account-name" name="name" defaultValue={name} autoComplete="name" aria-invalid={!!errors.name} />
        </Field>
        <Button type="submit">{pending ? "Saving…" : "Save name"}</Button>
      </fieldset>
    </form>
  );
}
