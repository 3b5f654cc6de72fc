"use client";

import { LocalTime } from "@/components/ui/local-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { InvitationState } from "@/lib/links/invitation-state";

const STATE_TONES: Record<InvitationState, BadgeTone> = {
  created: "neutral",
  opened: "info",
  consented: "success",
  failed: "danger",
  expired: "warning",
};

export type InvitationRow = {
  id: string;
  merchantName: string;
  vatNumber: string;
  environment: string;
  state: InvitationState;
  failureReason: string | null;
  createdAt: string;
  createdByLabel: string;
};

/** The newest consent links; a client component for the same reason as MerchantsTable. */
export function InvitationsTable({
  invitations,
  environmentLabel,
}: {
  invitations: InvitationRow[];
  environmentLabel: Record<string, string>;
}) {
  return (
    <Table label="Consent links">
      <thead>
        <tr>
          <Th>Merchant</Th>
          <Th>Environment</Th>
          <Th>State</Th>
          <Th>Created</Th>
          <Th>By</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {invitations.map((invitation) => (
          <tr key={invitation.id} data-invitation-id={invitation.id}>
            <Td>
              <bdi className="block font-medium">{invitation.merchantName}</bdi>
              <div className="text-xs text-slate-500">{invitation.vatNumber}</div>
            </Td>
            <Td>{environmentLabel[invitation.environment] ?? invitation.environment}</Td>
            <Td className="max-w-md">
              <Badge tone={STATE_TONES[invitation.state]}>{invitation.state}</Badge>
              {invitation.state === "failed" && invitation.failureReason ? (
                <p className="mt-1 text-xs text-red-700">{invitation.failureReason}</p>
              ) : null}
            </Td>
            <Td className="text-xs">
              <LocalTime iso={invitation.createdAt} />
            </Td>
            <Td className="text-xs">{invitation.createdByLabel}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
