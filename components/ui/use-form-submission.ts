"use client";

import { useState, type FormEvent } from "react";

import {
  IDLE_FORM,
  settledForm,
  submitFormFields,
  SUBMITTING_FORM,
  type FormFieldsSubmission,
} from "@/components/ui/submit-form-fields";

type FormSubmission<Body, Answer> = FormFieldsSubmission<keyof Body & string> & {
  /** Runs on the console's yes; may reset the form, and returns the success text to show, if any. */
  succeeded?: (answer: Answer, form: HTMLFormElement) => string | void;
};

/**
 * A form that posts its fields to one console route: pending while it waits, the route's per-field messages to
 * show under the inputs, and one message for the form, the success text or why it failed. `Body` is the type of
 * the route's zod schema, so only field names it validates can be sent.
 */
export function useFormSubmission<Body extends object, Answer = unknown>(submission: FormSubmission<Body, Answer>) {
  const [state, setState] = useState(IDLE_FORM);

  async function submit(form: HTMLFormElement) {
    setState(SUBMITTING_FORM);
    const outcome = await submitFormFields<Answer, keyof Body & string>(submission, new FormData(form));
    setState(settledForm(outcome, (answer) => submission.succeeded?.(answer, form)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(event.currentTarget);
  }

  return { ...state, onSubmit };
}
