import type { InputHTMLAttributes } from "react";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type InputFieldProps = { id: string; label: string; errors?: string[]; hint?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id"
>;

/** A labelled input of a form the server validates: marked invalid, with the messages, when it refused it. */
export function InputField({ id, label, errors, hint, ...input }: InputFieldProps) {
  return (
    <Field id={id} label={label} errors={errors} hint={hint}>
      <Input id={id} aria-invalid={!!errors} {...input} />
    </Field>
  );
}
