import type { ReactNode } from "react";

type FieldMessages = { errors?: string[]; hint?: string };

/**
 * The id of what a screen reader should read with the control: its errors when the server refused it,
 * otherwise its hint. Field renders exactly one of the two.
 */
export function fieldDescriptionId(id: string, { errors, hint }: FieldMessages): string | undefined {
  if (errors?.length) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

/** A labelled form field with its validation messages. */
export function Field({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string;
  label: string;
  children: ReactNode;
} & FieldMessages) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {errors?.length ? (
        <div id={`${id}-error`}>
          {errors.map((error) => (
            <p key={error} className="text-xs text-red-600">
              {error}
            </p>
          ))}
        </div>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
