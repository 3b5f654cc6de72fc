"use client";

import { useRouter } from "next/navigation";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { UNREACHABLE_TRY_AGAIN_TEXT } from "@/components/ui/unreachable-text";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import type { TSecondFactorCode } from "@/lib/auth/second-factor-schemas";

/** Removing the authenticator app takes a current code, so an unattended session cannot do it. */
export function TotpRemoval() {
  const router = useRouter();
  const { pending, message, onSubmit } = useFormSubmission<TSecondFactorCode>({
    path: "/api/account/totp",
    method: "DELETE",
    fields: ["code"],
    unreachableText: UNREACHABLE_TRY_AGAIN_TEXT,
    succeeded: () => router.refresh(),
  });

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="removal-code" label="Code from the app, or a recovery code">
        <Input id="removal-code" name="code" autoComplete="one-time-code" required />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Remove the authenticator app
      </Button>
    </form>
  );
}
