import { UNREACHABLE_TEXT } from "@/components/ui/unreachable-text";
import type { ActionMessage } from "@/components/ui/use-api-action";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";

export type SubmitMethod = "POST" | "PUT" | "PATCH" | "DELETE";

export type FormFieldsSubmission<Field extends string> = {
  path: string;
  method?: SubmitMethod;
  /** The form's inputs by name, each sent as its text: the route's zod schema decides what is valid. */
  fields: readonly Field[];
  /** What to say when no answer came at all (the network, or the console being down). */
  unreachableText?: string;
};

export type SubmissionOutcome<Answer> =
  { ok: true; answer: Answer } | { ok: false; text: string; fieldErrors: FieldErrors };

export function readFormFields<Field extends string>(form: FormData, fields: readonly Field[]): Record<Field, string> {
  const body = {} as Record<Field, string>;
  for (const field of fields) body[field] = String(form.get(field) ?? "");
  return body;
}

/**
 * Sends a form's named fields as a JSON body through the console's API client (same-origin, so the route's
 * origin check passes) and turns a refusal into its user-safe message and per-field messages, which the route
 * derives from its zod schema under the same names as the inputs.
 */
export async function submitFormFields<Answer, Field extends string>(
  submission: FormFieldsSubmission<Field>,
  form: FormData,
): Promise<SubmissionOutcome<Answer>> {
  try {
    const answer = await apiRequest<Answer>(submission.path, {
      method: submission.method ?? "POST",
      body: readFormFields(form, submission.fields),
    });
    return { ok: true, answer };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, text: error.message, fieldErrors: error.fieldErrors };
    return { ok: false, text: submission.unreachableText ?? UNREACHABLE_TEXT, fieldErrors: {} };
  }
}

/** What a form shows: whether it waits, the messages under its inputs, and the one message above them. */
export type FormSubmissionState = { pending: boolean; fieldErrors: FieldErrors; message: ActionMessage | null };

export const IDLE_FORM: FormSubmissionState = { pending: false, fieldErrors: {}, message: null };
/** A new try clears what the last one said. */
export const SUBMITTING_FORM: FormSubmissionState = { pending: true, fieldErrors: {}, message: null };

/** The form once the console answered; `succeeded` runs only on a yes and may give the text to show. */
export function settledForm<Answer>(
  outcome: SubmissionOutcome<Answer>,
  succeeded: (answer: Answer) => string | void,
): FormSubmissionState {
  if (!outcome.ok) {
    return { pending: false, fieldErrors: outcome.fieldErrors, message: { tone: "error", text: outcome.text } };
  }
  const text = succeeded(outcome.answer);
  return { pending: false, fieldErrors: {}, message: text ? { tone: "success", text } : null };
}
