"use client";

import { useState } from "react";

import { OneTimeLink } from "@/components/links/one-time-link";
import { RelativeTime } from "@/components/merchants/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { useApiAction } from "@/components/ui/use-api-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { apiRequest } from "@/lib/http/api-client";
import type { InvitationState } from "@/lib/links/invitation-state";

const STATES: Record<InvitationState, { label: string; tone: BadgeTone }> = {
  created: { label: "Not opened yet", tone: "neutral" },
  opened: { label: "Opened", tone: "info" },
  consented: { label: "Consented", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  expired: { label: "Expired", tone: "warning" },
  revoked: { label: "Withdrawn", tone: "neutral" },
};

export type InvitationRow = {
  id: string;
  merchantName: string;
  vatNumber: string;
  environment: string;
  state: InvitationState;
  failureReason: string | null;
  openedAt: string | null;
  /** When the link was consented, failed or was withdrawn. */
  completedAt: string | null;
  /** Opened a while ago with no answer from MobilePay. */
  quiet: boolean;
  createdAt: string;
  createdByLabel: string;
};

type NewLink = { merchantName: string; url: string; qrSvg: string };

const RESENDABLE: ReadonlySet<InvitationState> = new Set(["created", "opened", "failed", "expired"]);
const CANCELLABLE: ReadonlySet<InvitationState> = new Set(["created", "opened", "failed"]);

function StateCell({ invitation }: { invitation: InvitationRow }) {
  const { label, tone } = STATES[invitation.state];
  return (
    <>
      <Badge tone={tone}>{label}</Badge>
      {invitation.state === "opened" && invitation.openedAt ? (
        <span className="ml-2 text-xs text-slate-600">
          opened <RelativeTime iso={invitation.openedAt} />
        </span>
      ) : null}
      {invitation.quiet ? (
        <p className="mt-1 text-xs text-amber-800" data-testid="quiet-hint">
          No answer from MobilePay since. Likely causes: the VAT number does not match the merchant&apos;s MobilePay
          account, the person who logged in may not act for this merchant, or the window was closed. Ask the merchant
          what they saw, then resend the link.
        </p>
      ) : null}
      {invitation.state === "failed" && invitation.failureReason ? (
        <p className="mt-1 text-xs break-words text-red-700">
          {invitation.failureReason}
          {invitation.completedAt ? (
            <span className="block text-slate-600">
              at <LocalTime iso={invitation.completedAt} />
            </span>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

/**
 * The newest consent links, with what became of each. Staff who may link merchants in a link's environment can
 * send it again (a new link; the old one stops working) or cancel it; the new link is shown once, with its QR code.
 */
export function InvitationsTable({
  invitations,
  environmentLabel,
  manageableEnvironments = [],
  onChanged = async () => {},
}: {
  invitations: InvitationRow[];
  environmentLabel: Record<string, string>;
  /** The environments whose links this viewer may resend or cancel. */
  manageableEnvironments?: string[];
  /** Called after a link was resent or cancelled, so the list reads its state anew. */
  onChanged?: () => Promise<void>;
}) {
  const { pending, message: failure, run } = useApiAction<string>();
  // The list page hydrates this table after the rest (it loads on its own); until then a click would be lost.
  const hydrated = useHydrated();
  const [newLink, setNewLink] = useState<NewLink | null>(null);
  const manages = manageableEnvironments.length > 0;

  async function act(invitation: InvitationRow, action: "resend" | "cancel") {
    await run(
      invitation.id,
      () =>
        apiRequest<{ url?: string; qrSvg?: string }>(
          `/api/invitations/${encodeURIComponent(invitation.id)}/${action}`,
          { method: "POST", body: {} },
        ),
      (answer) => {
        if (action === "resend" && answer.url && answer.qrSvg) {
          setNewLink({ merchantName: invitation.merchantName, url: answer.url, qrSvg: answer.qrSvg });
        }
      },
    );
    await onChanged();
  }

  return (
    <div className="space-y-3">
      {failure ? <Alert tone={failure.tone}>{failure.text}</Alert> : null}
      {newLink ? (
        <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3" data-testid="resent-link">
          <p className="text-sm text-emerald-900">
            New link for <bdi className="font-medium">{newLink.merchantName}</bdi>; the old one no longer works. Send it
            to the merchant: it is shown only once.
          </p>
          <OneTimeLink
            url={newLink.url}
            qrSvg={newLink.qrSvg}
            linkLabel="New consent link"
            qrLabel="QR code of the new consent link"
          />
        </div>
      ) : null}
      <Table label="Consent links">
        <thead>
          <tr>
            <Th>Merchant</Th>
            <Th>Environment</Th>
            <Th>State</Th>
            <Th>Created</Th>
            <Th>By</Th>
            {manages ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invitations.map((invitation) => {
            const mayManage = manageableEnvironments.includes(invitation.environment);
            return (
              <tr key={invitation.id} data-invitation-id={invitation.id} data-state={invitation.state}>
                <Td>
                  <bdi className="block font-medium">{invitation.merchantName}</bdi>
                  <div className="text-xs text-slate-500">{invitation.vatNumber}</div>
                </Td>
                <Td>{environmentLabel[invitation.environment] ?? invitation.environment}</Td>
                <Td className="max-w-md">
                  <StateCell invitation={invitation} />
                </Td>
                <Td className="text-xs">
                  <LocalTime iso={invitation.createdAt} />
                </Td>
                <Td className="text-xs">{invitation.createdByLabel}</Td>
                {manages ? (
                  <Td>
                    {mayManage ? (
                      <span className="flex flex-wrap gap-2">
                        {RESENDABLE.has(invitation.state) ? (
                          <Button
                            variant="secondary"
                            disabled={pending !== null || !hydrated}
                            aria-label={`Resend the link for ${invitation.merchantName}`}
                            onClick={() => void act(invitation, "resend")}
                          >
                            Resend
                          </Button>
                        ) : null}
                        {CANCELLABLE.has(invitation.state) ? (
                          <Button
                            variant="ghost"
                            disabled={pending !== null || !hydrated}
                            aria-label={`Cancel the link for ${invitation.merchantName}`}
                            onClick={() => void act(invitation, "cancel")}
                          >
                            Cancel
                          </Button>
                        ) : null}
                      </span>
                    ) : null}
                  </Td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
