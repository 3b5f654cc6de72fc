"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES } from "@/lib/api-keys/api-key-scopes";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";

type EnvironmentChoice = { id: string; label: string; isSandbox: boolean };
type CreatedKey = { name: string; secret: string };

function linesOf(text: FormDataEntryValue | null): string[] {
  return String(text ?? "")
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function CreateApiKeyForm({ environments }: { environments: EnvironmentChoice[] }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setMessage(null);
    setErrors({});
    setCreated(null);
    setPending(true);
    try {
      const key = await apiRequest<CreatedKey>("/api/api-keys", {
        body: {
          name: form.get("name"),
          environments: form.getAll("environments"),
          scopes: form.getAll("scopes"),
          expiresOn: form.get("expiresOn") ?? "",
          returnUrlOrigins: linesOf(form.get("returnUrlOrigins")),
        },
      });
      formElement.reset();
      setCreated(key);
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        setMessage(error.message);
      } else {
        setMessage("The console could not be reached.");
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {created ? (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" role="status">
          <p className="text-sm font-medium text-amber-900">
            Copy the secret of “<bdi>{created.name}</bdi>” now: it is not shown again.
          </p>
          <code data-testid="api-key-secret" className="block rounded bg-white px-2 py-1 text-xs break-all">
            {created.secret}
          </code>
          <div className="flex gap-2">
            <CopyButton value={created.secret} label="Copy secret" />
            <Button variant="ghost" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
        {message ? <Alert tone="error">{message}</Alert> : null}
        <fieldset disabled={pending} className="space-y-4">
          <Field id="api-key-name" label="Name" errors={errors.name} hint="The system that will use it, e.g. Billing.">
            <Input id="api-key-name" name="name" aria-invalid={!!errors.name} />
          </Field>
          <fieldset className="space-y-1" aria-describedby="api-key-environments-hint">
            <legend className="text-sm font-medium text-slate-700">Environments</legend>
            {environments.map((environment) => (
              <label key={environment.id} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="environments" value={environment.id} />
                {environment.label}
              </label>
            ))}
            <p id="api-key-environments-hint" className="text-xs text-slate-500">
              Production or sandboxes, never both in one key.
            </p>
            {errors.environments?.map((error) => (
              <p key={error} className="text-xs text-red-600">
                {error}
              </p>
            ))}
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-700">Scopes</legend>
            {API_KEY_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
                <input type="checkbox" name="scopes" value={scope} className="mt-1" />
                <span>
                  <code className="text-xs">{scope}</code>
                  <span className="block text-xs text-slate-500">{API_KEY_SCOPE_DESCRIPTIONS[scope]}</span>
                </span>
              </label>
            ))}
            {errors.scopes?.map((error) => (
              <p key={error} className="text-xs text-red-600">
                {error}
              </p>
            ))}
          </fieldset>
          <Field id="api-key-expires" label="Expires on (optional)" errors={errors.expiresOn}>
            <Input id="api-key-expires" name="expiresOn" type="date" aria-invalid={!!errors.expiresOn} />
          </Field>
          <Field
            id="api-key-return-origins"
            label="Return URL origins (optional)"
            errors={errors.returnUrlOrigins ?? errors["returnUrlOrigins.0"]}
            hint="Where consent links created with this key may send the merchant back, one origin per line."
          >
            <textarea
              id="api-key-return-origins"
              name="returnUrlOrigins"
              rows={2}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </Field>
          <Button type="submit">{pending ? "Creating…" : "Create API key"}</Button>
        </fieldset>
      </form>
    </div>
  );
}
