"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, type ConfirmRequest } from "@/components/ui/confirm-dialog";
import { PasswordResetLinkNotice, type MadeResetLink } from "@/components/staff/password-reset-link-notice";
import { Select } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { useApiAction } from "@/components/ui/use-api-action";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { apiRequest } from "@/lib/http/api-client";

export type StaffRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  lastLoginAt: string | null;
  /** Failed sign-ins hold the account back (its ceiling, or the backoff of some address). */
  signInHeldBack: boolean;
};

function roleLabel(role: string): string {
  return ROLE_LABELS[role as StaffRole] ?? role;
}

/**
 * The console's staff. A new role or disabling someone ends their sessions, so both are asked for
 * first. The status comes right after the name so it stays in sight on a phone.
 */
export function StaffTable({ staff, currentStaffId }: { staff: StaffRow[]; currentStaffId: string }) {
  const router = useRouter();
  const { pending: busyId, message, run } = useApiAction<string>();
  const [confirming, setConfirming] = useState<ConfirmRequest | null>(null);
  const [resetLink, setResetLink] = useState<MadeResetLink | null>(null);

  function makeResetLink(member: StaffRow) {
    setResetLink(null);
    return run(
      member.id,
      () => apiRequest<MadeResetLink>(`/api/staff/${member.id}/password-reset-link`, { method: "POST" }),
      setResetLink,
    );
  }

  const send = (id: string, path: string, options: { method: string; body?: unknown }) =>
    run(
      id,
      () => apiRequest(path, options),
      () => router.refresh(),
    );

  const update = (id: string, changes: { role?: StaffRole; disabled?: boolean }) =>
    send(id, `/api/staff/${id}`, { method: "PATCH", body: changes });

  const askRoleChange = (member: StaffRow, role: StaffRole) =>
    setConfirming({
      title: `Make ${member.name} ${ROLE_LABELS[role].toLowerCase()}?`,
      body: (
        <>
          <p>
            <bdi>{member.name}</bdi> ({member.email}) goes from {roleLabel(member.role)} to {ROLE_LABELS[role]}:{" "}
            {ROLE_DESCRIPTIONS[role].toLowerCase()}.
          </p>
          <p className="mt-2">They are signed out everywhere and sign in again with the new role.</p>
        </>
      ),
      confirmLabel: `Change to ${ROLE_LABELS[role]}`,
      onConfirm: () => void update(member.id, { role }),
    });

  const askDisable = (member: StaffRow) =>
    setConfirming({
      title: `Disable ${member.name}?`,
      body: (
        <p>
          <bdi>{member.name}</bdi> ({member.email}) is signed out everywhere and can no longer sign in, until an admin
          enables the account again.
        </p>
      ),
      confirmLabel: "Disable",
      tone: "danger",
      onConfirm: () => void update(member.id, { disabled: true }),
    });

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {resetLink ? <PasswordResetLinkNotice link={resetLink} /> : null}
      <Table label="Staff">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Status</Th>
            <Th>Role</Th>
            <Th>Last sign-in</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {staff.map((member) => {
            const self = member.id === currentStaffId;
            return (
              <tr key={member.id}>
                <Td>
                  <bdi className="block font-medium">{member.name}</bdi>
                  <div className="text-xs wrap-anywhere text-slate-500">{member.email}</div>
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {member.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
                    {member.signInHeldBack ? <Badge tone="warning">Sign-in held back</Badge> : null}
                  </span>
                </Td>
                <Td>
                  <Select
                    aria-label={`Role of ${member.email}`}
                    value={member.role}
                    disabled={self || busyId === member.id}
                    className="w-auto min-w-32"
                    onChange={(event) => askRoleChange(member, event.target.value as StaffRole)}
                  >
                    {STAFF_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td className="text-xs whitespace-nowrap text-slate-600">
                  {member.lastLoginAt ? <LocalTime iso={member.lastLoginAt} /> : "never"}
                </Td>
                <Td>
                  <span className="flex flex-wrap justify-end gap-2">
                    {member.signInHeldBack ? (
                      <Button
                        variant="secondary"
                        disabled={busyId === member.id}
                        onClick={() =>
                          void send(member.id, `/api/staff/${member.id}/sign-in-limits`, { method: "DELETE" })
                        }
                      >
                        Unlock sign-in
                      </Button>
                    ) : null}
                    {member.disabled ? null : (
                      <Button
                        variant="ghost"
                        disabled={busyId === member.id}
                        onClick={() => void makeResetLink(member)}
                      >
                        Password reset link
                      </Button>
                    )}
                    {member.disabled ? null : (
                      <Button
                        variant="ghost"
                        disabled={busyId === member.id}
                        onClick={() => void send(member.id, `/api/staff/${member.id}/sessions`, { method: "DELETE" })}
                      >
                        Sign out everywhere
                      </Button>
                    )}
                    {self ? null : member.disabled ? (
                      <Button
                        variant="secondary"
                        disabled={busyId === member.id}
                        onClick={() => void update(member.id, { disabled: false })}
                      >
                        Enable
                      </Button>
                    ) : (
                      <Button variant="secondary" disabled={busyId === member.id} onClick={() => askDisable(member)}>
                        Disable
                      </Button>
                    )}
                  </span>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <ConfirmDialog request={confirming} onClose={() => setConfirming(null)} />
    </div>
  );
}
