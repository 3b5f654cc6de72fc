"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { UNREACHABLE_TRY_AGAIN_TEXT } from "@/components/ui/unreachable-text";
import { useApiAction } from "@/components/ui/use-api-action";
import { useFormSubmission } from "@/components/ui/use-form-submission";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { TSecondFactorCode } from "@/lib/auth/second-factor-schemas";
import { apiRequest } from "@/lib/http/api-client";

type Started = { secret: string; uri: string; qrCode: string };

/** Setting up an authenticator app: scan, confirm with a code, keep the recovery codes. */
export function TotpEnrolment({ continueTo }: { continueTo: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [started, setStarted] = useState<Started | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useApiAction(UNREACHABLE_TRY_AGAIN_TEXT);
  const confirmation = useFormSubmission<TSecondFactorCode, { recoveryCodes: string[] }>({
    path: "/api/account/totp",
    method: "PUT",
    fields: ["code"],
    unreachableText: UNREACHABLE_TRY_AGAIN_TEXT,
    succeeded: (answer) => setRecoveryCodes(answer.recoveryCodes),
  });

  if (recoveryCodes) {
    return (
      <div className="space-y-4" data-testid="recovery-codes">
        <Alert tone="success">Your authenticator app is set up.</Alert>
        <p className="text-sm text-slate-700">
          Keep these recovery codes somewhere safe. Each one signs you in once if you lose your phone. They are shown
          only now.
        </p>
        <ol className="grid grid-cols-1 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm sm:grid-cols-2">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <CopyButton value={recoveryCodes.join("\n")} label="Copy recovery codes" />
          <Button
            onClick={() => {
              router.replace(continueTo);
              router.refresh();
            }}
          >
            I have saved them
          </Button>
        </div>
      </div>
    );
  }

  if (!started) {
    return (
      <div className="space-y-3" data-hydrated={hydrated}>
        {start.message ? <Alert tone={start.message.tone}>{start.message.text}</Alert> : null}
        <Button
          disabled={!hydrated || start.pending !== null}
          onClick={() =>
            void start.run(true, () => apiRequest<Started>("/api/account/totp", { method: "POST" }), setStarted)
          }
        >
          Set up an authenticator app
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {confirmation.message ? <Alert tone={confirmation.message.tone}>{confirmation.message.text}</Alert> : null}
      <p className="text-sm text-slate-700">
        Scan this code with an authenticator app (1Password, Google Authenticator, Microsoft Authenticator…), then enter
        the six digits it shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server; nothing to optimise */}
      <img src={started.qrCode} alt="QR code for your authenticator app" width={192} height={192} />
      <details className="text-sm text-slate-600">
        <summary className="cursor-pointer">Cannot scan? Enter the key instead</summary>
        <p className="mt-2 font-mono break-all" data-testid="totp-secret">
          {started.secret}
        </p>
      </details>
      <form onSubmit={confirmation.onSubmit} className="space-y-3">
        <Field id="code" label="Code from the app">
          <Input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
        </Field>
        <Button type="submit" disabled={confirmation.pending}>
          {confirmation.pending ? "Checking…" : "Confirm"}
        </Button>
      </form>
    </div>
  );
}
