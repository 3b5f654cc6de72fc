"use client";

import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useEffect, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ApiError, apiRequest } from "@/lib/http/api-client";
import { TOKEN_KIND_LABELS } from "@/lib/inspection/token-kinds";
import type { RevealTokenResponse, TRevealTokenSchema } from "@/lib/inspection/reveal-schemas";

type Revealed = RevealTokenResponse & { token: TRevealTokenSchema["token"]; secondsLeft: number };

/**
 * Admin-only: shows one token value once, for a stated reason, and forgets it after a short time. The server
 * refuses anyone without tokens:reveal and records every reveal in the audit log.
 */
export function RevealTokenForm({ merchantId }: { merchantId: string }) {
  const [token, setToken] = useState<TRevealTokenSchema["token"]>("access");
  const [reason, setReason] = useState("");
  // Shown once the server asks for a fresh second factor: a code field, a passkey button, or both.
  const [secondFactorCode, setSecondFactorCode] = useState<string | null>(null);
  const [passkeyOffered, setPasskeyOffered] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  // Count down and then drop the value from memory; leaving the page drops it too.
  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(
      () =>
        setRevealed((current) =>
          current && current.secondsLeft > 1 ? { ...current, secondsLeft: current.secondsLeft - 1 } : null,
        ),
      1000,
    );
    return () => clearTimeout(timer);
  }, [revealed]);

  async function reveal(secondFactorPasskey?: AuthenticationResponseJSON) {
    setMessage(null);
    setErrors({});
    setPending(true);
    try {
      // The server checks the reason with the shared schema; its per-field message shows under the field.
      const result = await apiRequest<RevealTokenResponse>(`/api/merchants/${merchantId}/reveal`, {
        body: { token, reason, ...(secondFactorCode ? { secondFactorCode } : {}), secondFactorPasskey },
      });
      setSecondFactorCode(null);
      setPasskeyOffered(false);
      setRevealed({ ...result, token, secondsLeft: result.visibleForSeconds });
      setReason("");
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        if (error.fieldErrors.secondFactorCode) setSecondFactorCode("");
        if (error.fieldErrors.secondFactorPasskey) setPasskeyOffered(true);
        setMessage(error.message);
      } else {
        setMessage("The console could not be reached.");
      }
    } finally {
      setPending(false);
    }
  }

  /** Signs a fresh challenge with one of the staff member's passkeys, then reveals with that answer. */
  async function revealWithPasskey() {
    setMessage(null);
    let answer: AuthenticationResponseJSON;
    try {
      const { options } = await apiRequest<{ options: PublicKeyCredentialRequestOptionsJSON }>(
        "/api/account/passkeys/confirmation",
        { method: "POST" },
      );
      // Loaded only when asked for: most reveals need no passkey, and the merchant page stays light.
      const { startAuthentication } = await import("@simplewebauthn/browser");
      answer = await startAuthentication({ optionsJSON: options });
    } catch {
      setMessage("No passkey answered. Try again, or use another device.");
      return;
    }
    await reveal(answer);
  }

  return (
    <div className="space-y-3">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void reveal();
        }}
        className="space-y-3"
        aria-label="Reveal a token"
      >
        <fieldset disabled={pending} className="space-y-3">
          <Field id="reveal-token" label="Token">
            <Select
              id="reveal-token"
              value={token}
              onChange={(event) => setToken(event.target.value as TRevealTokenSchema["token"])}
            >
              {(["access", "refresh", "id"] as const).map((kind) => (
                <option key={kind} value={kind}>
                  {TOKEN_KIND_LABELS[kind]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="reveal-reason"
            label="Reason"
            errors={errors.reason}
            hint="Why you need the value; kept in the audit log with your name."
          >
            <Input
              id="reveal-reason"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={errors.reason ? true : undefined}
              autoComplete="off"
            />
          </Field>
          {secondFactorCode !== null ? (
            <Field id="reveal-second-factor" label="Authentication code" errors={errors.secondFactorCode}>
              <Input
                id="reveal-second-factor"
                value={secondFactorCode}
                onChange={(event) => setSecondFactorCode(event.target.value)}
                aria-invalid={errors.secondFactorCode ? true : undefined}
                autoComplete="one-time-code"
                inputMode="numeric"
              />
            </Field>
          ) : null}
          {passkeyOffered ? (
            <p className="text-sm text-slate-700" data-testid="reveal-passkey-hint">
              {errors.secondFactorPasskey?.[0] ?? "Confirm with one of your passkeys."}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger">
              Reveal once
            </Button>
            {passkeyOffered ? (
              <Button type="button" variant="secondary" onClick={() => void revealWithPasskey()}>
                Confirm with a passkey and reveal
              </Button>
            ) : null}
          </div>
        </fieldset>
      </form>
      {message ? <Alert tone="error">{message}</Alert> : null}
      {revealed ? (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status">
          <p>
            {TOKEN_KIND_LABELS[revealed.token]} (fingerprint <span className="font-mono">{revealed.fingerprint}</span>),
            hidden again in {revealed.secondsLeft} s. Do not paste it into tickets or chat.
          </p>
          <Input
            readOnly
            aria-label="Revealed token value"
            value={revealed.value}
            className="font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="ghost" onClick={() => setRevealed(null)}>
            Hide now
          </Button>
        </div>
      ) : null}
    </div>
  );
}
