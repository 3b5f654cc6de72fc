"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { OneTimeSecret } from "@/components/webhooks/one-time-secret";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

export function CreateEndpointForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const formElement = event.currentTarget;
    setErrors({});
    setError(null);
    setPending(true);
    try {
      const result = await apiRequest<{ endpoint: { id: string }; secret: string }>("/api/webhooks", {
        body: {
          url: form.get("url"),
          kind: form.get("kind"),
          description: form.get("description"),
          eventTypes: form.getAll("eventTypes"),
          environments: String(form.get("environments") ?? "")
            .split(/[\s,]+/)
            .filter(Boolean),
        },
      });
      formElement.reset();
      setCreated({ id: result.endpoint.id, secret: result.secret });
      router.refresh();
    } catch (caught) {
      if (caught instanceof ApiError) {
        setErrors(caught.fieldErrors);
        setError(caught.message);
      } else {
        setError("The console could not be reached.");
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {created ? <OneTimeSecret secret={created.secret} endpointId={created.id} /> : null}
      <fieldset disabled={pending} className="space-y-4">
        <Field id="endpoint-url" label="URL" errors={errors.url} hint="https:// and a public address.">
          <Input id="endpoint-url" name="url" type="url" aria-invalid={!!errors.url} />
        </Field>
        <Field id="endpoint-kind" label="Kind">
          <Select id="endpoint-kind" name="kind" defaultValue="generic">
            <option value="generic">Signed JSON (Standard Webhooks)</option>
            <option value="slack">Slack incoming webhook</option>
          </Select>
        </Field>
        <Field id="endpoint-description" label="Description" errors={errors.description}>
          <Input id="endpoint-description" name="description" />
        </Field>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Events (none ticked: all)</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="eventTypes" value={type} />
              <code>{type}</code>
            </label>
          ))}
        </fieldset>
        <Field
          id="endpoint-environments"
          label="Environments"
          errors={errors.environments}
          hint="Space separated, e.g. sandbox production; empty: all."
        >
          <Input id="endpoint-environments" name="environments" />
        </Field>
        <Button type="submit">{pending ? "Adding…" : "Add endpoint"}</Button>
      </fieldset>
    </form>
  );
}
