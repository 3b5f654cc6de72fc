"use client";

import type { FormEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { OperationForm } from "@/lib/calls/operation-form";
import type { PrefillContext } from "@/lib/calls/sample-call-context";
import type { FieldErrors } from "@/lib/errors";

const INPUT_TYPES = { text: "text", number: "text", date: "date" } as const;

/**
 * One operation's form, pre-filled with valid sample values. The server checks
 * the values with the operation's schema before anything reaches MobilePay and
 * answers with a message per field, shown under each field.
 */
export function SampleCallForm({
  operation,
  context,
  disabledReason,
  pending,
  serverErrors: errors,
  onRun,
}: {
  operation: OperationForm;
  context: PrefillContext;
  disabledReason: string | null;
  pending: boolean;
  serverErrors: FieldErrors;
  onRun: (values: Record<string, string | boolean>) => void;
}) {
  const hydrated = useHydrated();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Record<string, string | boolean> = {};
    for (const field of operation.fields) {
      values[field.name] =
        field.kind === "checkbox" ? form.get(field.name) === "on" : String(form.get(field.name) ?? "");
    }
    onRun(values);
  }

  const formErrors = errors._form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={operation.label} data-hydrated={hydrated}>
      <p className="text-sm text-slate-600">{operation.description}</p>
      {formErrors ? <Alert tone="error">{formErrors.join(" ")}</Alert> : null}
      <fieldset disabled={pending || disabledReason !== null} className="grid gap-4 sm:grid-cols-2">
        {operation.fields.map((field) => {
          const id = `field-${field.name}`;
          const fieldErrors = errors[field.name];
          const prefill = field.prefill(context);
          if (field.kind === "checkbox") {
            return (
              <label key={field.name} className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
                <input type="checkbox" id={id} name={field.name} defaultChecked={prefill === true} />
                {field.label}
              </label>
            );
          }
          return (
            <Field key={field.name} id={id} label={field.label} hint={field.hint} errors={fieldErrors}>
              {field.kind === "select" ? (
                <Select id={id} name={field.name} defaultValue={String(prefill)} aria-invalid={!!fieldErrors}>
                  {field.options?.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  id={id}
                  name={field.name}
                  type={INPUT_TYPES[field.kind]}
                  inputMode={field.kind === "number" ? "decimal" : undefined}
                  defaultValue={String(prefill)}
                  readOnly={field.readOnly}
                  aria-invalid={!!fieldErrors}
                  className={field.readOnly ? "bg-slate-50 font-mono text-xs" : undefined}
                />
              )}
            </Field>
          );
        })}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || disabledReason !== null}>
          {pending ? "Calling MobilePay…" : "Run call"}
        </Button>
        {disabledReason ? <span className="text-sm text-slate-500">{disabledReason}</span> : null}
      </div>
    </form>
  );
}
