"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { ApiError, apiRequest } from "@/lib/http/api-client";

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

export function StaffTable({ staff, currentStaffId }: { staff: StaffRow[]; currentStaffId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function send(id: string, path: string, options: { method: string; body?: unknown }) {
    setBusyId(id);
    setError(null);
    try {
      await apiRequest(path, options);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "The console could not be reached.");
    } finally {
      setBusyId(null);
    }
  }

  const update = (id: string, changes: { role?: StaffRole; disabled?: boolean }) =>
    send(id, `/api/staff/${id}`, { method: "PATCH", body: changes });

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Table label="Staff">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
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
                <Td className="font-medium">
                  <bdi>{member.name}</bdi>
                </Td>
                <Td>{member.email}</Td>
                <Td>
                  <Select
                    aria-label={`Role of ${member.email}`}
                    value={member.role}
                    disabled={self || busyId === member.id}
                    onChange={(event) => void update(member.id, { role: event.target.value as StaffRole })}
                  >
                    {STAFF_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {member.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
                    {member.signInHeldBack ? <Badge tone="warning">Sign-in held back</Badge> : null}
                  </span>
                </Td>
                <Td className="whitespace-nowrap text-slate-500">
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
                        onClick={() => void send(member.id, `/api/staff/${member.id}/sessions`, { method: "DELETE" })}
                      >
                        Sign out everywhere
                      </Button>
                    )}
                    {self ? null : (
                      <Button
                        variant="secondary"
                        disabled={busyId === member.id}
                        onClick={() => void update(member.id, { disabled: !member.disabled })}
                      >
                        {member.disabled ? "Enable" : "Disable"}
                      </Button>
                    )}
                  </span>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
