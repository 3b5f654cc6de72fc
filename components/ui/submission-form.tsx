import type { FormEvent, ReactNode } from "react";

import { Alert } from "@/components/ui/alert";
import type { FormSubmissionState } from "@/components/ui/submit-form-fields";

type SubmissionFormProps = {
  /** What useFormSubmission returns: the submit handler, whether it waits, and the form's message. */
  submission: Pick<FormSubmissionState, "pending" | "message"> & {
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  /** Set where an e2e test must wait for hydration before typing. */
  hydrated?: boolean;
  /** Between the message and the fields: who the form is for, hidden inputs for password managers. */
  intro?: ReactNode;
  /** After the fields, outside the disabled fieldset: links away. */
  after?: ReactNode;
  /** The inputs and the submit button, disabled together while the console answers. */
  children: ReactNode;
};

/** A form the server validates: its message on top, its fields disabled while the answer is awaited. */
export function SubmissionForm({ submission, hydrated, intro, after, children }: SubmissionFormProps) {
  return (
    <form onSubmit={submission.onSubmit} noValidate className="space-y-4" data-hydrated={hydrated}>
      {submission.message ? <Alert tone={submission.message.tone}>{submission.message.text}</Alert> : null}
      {intro}
      <fieldset disabled={submission.pending} className="space-y-4">
        {children}
      </fieldset>
      {after}
    </form>
  );
}
