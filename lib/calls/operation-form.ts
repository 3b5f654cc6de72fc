import type { PrefillContext } from "@/lib/calls/sample-call-context";
import type { Product } from "@/lib/mobilepay/environment-config";

/*
 * What the browser needs to offer a sample call: its form and how to pre-fill it. Kept apart from the
 * operation's schema and call (sample-operation.ts), so the page ships no validation library; the server
 * validates every run with the operation's zod schema and the form shows its per-field messages.
 */

export type FieldSpec = {
  name: string;
  label: string;
  kind: "text" | "number" | "date" | "select" | "checkbox";
  options?: readonly { value: string; label: string }[];
  hint?: string;
  readOnly?: boolean;
  prefill: (context: PrefillContext) => string | boolean;
};

export type OperationForm = {
  id: string;
  product: Product;
  label: string;
  description: string;
  /** User simulation exists only in sandbox environments. */
  sandboxOnly?: boolean;
  fields: FieldSpec[];
};

/** Recurring payment frequencies MobilePay accepts (payments a year; 0 = flexible). */
export const FREQUENCIES = [1, 2, 4, 12, 26, 52, 365, 0] as const;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
