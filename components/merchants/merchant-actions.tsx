"use client";

import { lazy, Suspense, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/ui/use-api-action";
import { apiRequest } from "@/lib/http/api-client";

// Shown only once a relink link was made; its code loads while the server makes the link.
const loadOneTimeLink = () => import("@/components/links/one-time-link");
const OneTimeLink = lazy(() => loadOneTimeLink().then((module) => ({ default: module.OneTimeLink })));

export function MerchantActions({
  merchantId,
  products,
  canLink,
  canUnlink,
  hasTokens,
  onChanged,
}: {
  merchantId: string;
  products: string[];
  canLink: boolean;
  canUnlink: boolean;
  hasTokens: boolean;
  /** Called after an action succeeded, so the whole page reads its state anew. */
  onChanged: () => Promise<void>;
}) {
  const { pending, message, run } = useApiAction();
  const [relink, setRelink] = useState<{ url: string; qrSvg: string } | null>(null);
  const [confirmingUnlink, setConfirmingUnlink] = useState(false);

  async function act<T>(call: () => Promise<T>, succeeded: (answer: T) => string | void) {
    await run(true, call, succeeded);
    // A refused action may still have been recorded (an unlink MobilePay did not confirm), so ask either way.
    await onChanged();
  }

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {canLink ? (
          <Button
            variant="secondary"
            disabled={pending !== null}
            onClick={() => {
              void loadOneTimeLink();
              void act(
                () =>
                  apiRequest<{ url: string; qrSvg: string }>(`/api/merchants/${merchantId}/relink`, {
                    body: { products },
                  }),
                (result) => setRelink({ url: result.url, qrSvg: result.qrSvg }),
              );
            }}
          >
            Create relink link
          </Button>
        ) : null}
        {canUnlink && hasTokens && !confirmingUnlink ? (
          <Button variant="danger" disabled={pending !== null} onClick={() => setConfirmingUnlink(true)}>
            Unlink
          </Button>
        ) : null}
      </div>
      {confirmingUnlink ? (
        <div
          role="alertdialog"
          aria-label="Confirm unlink"
          className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
        >
          <p>
            Revoke this merchant&apos;s consent at MobilePay and delete its tokens? The merchant and its history stay.
          </p>
          <div className="flex gap-2">
            <Button
              variant="danger"
              disabled={pending !== null}
              onClick={() =>
                void act(
                  () => apiRequest(`/api/merchants/${merchantId}/unlink`, { method: "POST", body: {} }),
                  () => {
                    setConfirmingUnlink(false);
                    return "Unlinked: consent revoked at MobilePay and tokens deleted.";
                  },
                )
              }
            >
              Revoke and unlink
            </Button>
            <Button variant="ghost" onClick={() => setConfirmingUnlink(false)}>
              Keep linked
            </Button>
          </div>
        </div>
      ) : null}
      {relink ? (
        <div className="space-y-2">
          <Suspense>
            <OneTimeLink
              url={relink.url}
              qrSvg={relink.qrSvg}
              linkLabel="Relink link"
              qrLabel="QR code of the relink link"
            />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
