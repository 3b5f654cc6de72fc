import { INVOICE_FORMS } from "@/lib/calls/invoice-operation-forms";
import type { OperationForm } from "@/lib/calls/operation-form";
import { SUBSCRIPTIONS_FORMS } from "@/lib/calls/subscriptions-operation-forms";

/** The form of every sample call the console offers, in the order the page lists them. */
export const OPERATION_FORMS: readonly OperationForm[] = [...INVOICE_FORMS, ...SUBSCRIPTIONS_FORMS];

export function findOperationForm(id: string): OperationForm | undefined {
  return OPERATION_FORMS.find((form) => form.id === id);
}
