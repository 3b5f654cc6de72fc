"use client";

import { useState, type FormEvent } from "react";

import { OneTimeLink } from "@/components/links/one-time-link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import type { FieldErrors } from "@/lib/errors";
import { ApiError, apiRequest } from "@/lib/http/api-client";

type EnvironmentOption = { id: string; label: string; isSandbox: boolean };
type CreatedInvitation = { invitationId: string; url: string; qrSvg: string; expiresAt: string };

export function CreateInvitationForm({ environments }: { environments: EnvironmentOption[] }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [pending, setPending] = useState(false);

  // The server validates with the shared schema and answers with per-field messages, shown under each field.
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      merchantName: form.get("merchantName"),
      vatNumber: form.get("vatNumber"),
      products: form.getAll("products"),
      environment: form.get("environment"),
    };
    setFailure(null);
    setErrors({});
    setPending(true);
    try {
      setCreated(await apiRequest<CreatedInvitation>("/api/invitations", { body }));
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        setFailure(error.message);
      } else {
        setFailure("The console could not be reached.");
      }
    } finally {
      setPending(false);
    }
  }

  if (created) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Consent link created. Send it to the merchant; it is shown only once.</Alert>
        <p className="text-xs text-slate-500">
          Expires <LocalTime iso={created.expiresAt} />.
        </p>
        <OneTimeLink
          url={created.url}
          qrSvg={created.qrSvg}
          linkLabel="Consent link"
          qrLabel="QR code of the consent link"
        />
        <div className="flex gap-2">
          <a href={created.url} target="_blank" rel="noreferrer" className={buttonClassName("secondary")}>
            Open the link myself
          </a>
          <Button variant="ghost" onClick={() => setCreated(null)}>
            Create another
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <Field id="merchantName" label="Merchant name" errors={errors.merchantName}>
          <Input id="merchantName" name="merchantName" defaultValue="" aria-invalid={!!errors.merchantName} />
        </Field>
        <Field id="vatNumber" label="VAT number" hint="DK or FI followed by 8 digits" errors={errors.vatNumber}>
          <Input id="vatNumber" name="vatNumber" placeholder="DK12345678" aria-invalid={!!errors.vatNumber} />
        </Field>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Products</legend>
          <div className="flex gap-6 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" name="products" value="invoice" defaultChecked /> Invoice
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="products" value="subscriptions" defaultChecked /> Subscriptions
            </label>
          </div>
          {errors.products?.map((message) => (
            <p key={message} className="text-xs text-red-600">
              {message}
            </p>
          ))}
        </fieldset>
        <Field id="environment" label="Environment" errors={errors.environment}>
          <Select id="environment" name="environment" defaultValue={environments[0]?.id}>
            {environments.map((environment) => (
              <option key={environment.id} value={environment.id}>
                {environment.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit">{pending ? "Creating…" : "Create consent link"}</Button>
      </fieldset>
    </form>
  );
}
