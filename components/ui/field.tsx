import type { ReactNode } from "react";

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
  errors?: string[];
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {errors?.map((error) => (
        <p key={error} id={`${id}-error`} className="text-xs text-red-600">
          {error}
        </p>
      ))}
    </div>
  );
}
