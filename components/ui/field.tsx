import { cloneElement, isValidElement, type ReactNode } from "react";

type FieldMessages = { errors?: string[]; hint?: string };
type DescribableProps = { "aria-describedby"?: string; "aria-invalid"?: boolean | "true" | "false" };

/**
 * The id of what a screen reader should read with the control: its errors when the server refused it,
 * otherwise its hint. Field renders exactly one of the two.
 */
function fieldDescriptionId(id: string, { errors, hint }: FieldMessages): string | undefined {
  if (errors?.length) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

/**
 * A labelled form field with its validation messages. Its control (the one child) is described by the hint or
 * the errors and marked invalid with them, unless it says otherwise itself, so no form has to wire that up.
 */
export function Field({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string;
  label: string;
  children?: ReactNode;
} & FieldMessages) {
  const describedBy = fieldDescriptionId(id, { errors, hint });
  const control =
    isValidElement<DescribableProps>(children) && (describedBy || errors?.length)
      ? cloneElement(children, {
          "aria-describedby": children.props["aria-describedby"] ?? describedBy,
          "aria-invalid": children.props["aria-invalid"] ?? (errors?.length ? true : undefined),
        })
      : children;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control}
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
