"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError, apiRequest } from "@/lib/http/api-client";

export type ApiKeyRow = {
  id: string;
  name: string;
  lastFour: string;
  mode: "live" | "test";
  environments: string[];
  scopes: string[];
  createdByLabel: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  status: "active" | "expired" | "revoked";
};

const STATUS_TONES: Record<ApiKeyRow["status"], BadgeTone> = {
  active: "success",
  expired: "warning",
  revoked: "danger",
};

export function ApiKeysTable({ keys, mayRevoke }: { keys: ApiKeyRow[]; mayRevoke: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function revoke(id: string) {
    setBusyId(id);
    setError(null);
    try {
      await apiRequest(`/api/api-keys/${encodeURIComponent(id)}/revoke`, { method: "POST" });
      setConfirming(null);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "The console could not be reached.");
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Table label="API keys">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Environments</Th>
            <Th>Scopes</Th>
            <Th>Created by</Th>
            <Th>Last used</Th>
            <Th>Expires</Th>
            <Th>Status</Th>
            {mayRevoke ? (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} data-testid="api-key-row">
              <Td>
                <span className="font-medium">
                  <bdi>{key.name}</bdi>
                </span>
                <span className="block font-mono text-xs text-slate-500">
                  mplc_{key.mode}_…{key.lastFour}
                </span>
              </Td>
              <Td>{key.environments.join(", ")}</Td>
              <Td>
                <ul className="space-y-0.5">
                  {key.scopes.map((scope) => (
                    <li key={scope}>
                      <code className="text-xs">{scope}</code>
                    </li>
                  ))}
                </ul>
              </Td>
              <Td>
                {key.createdByLabel}
                <span className="block text-xs text-slate-500">
                  <LocalTime iso={key.createdAt} />
                </span>
              </Td>
              <Td>{key.lastUsedAt ? <LocalTime iso={key.lastUsedAt} /> : "Never"}</Td>
              <Td>{key.expiresAt ? <LocalTime iso={key.expiresAt} /> : "Never"}</Td>
              <Td>
                <Badge tone={STATUS_TONES[key.status]}>{key.status}</Badge>
              </Td>
              {mayRevoke ? (
                <Td className="whitespace-nowrap">
                  {key.status === "revoked" ? null : confirming === key.id ? (
                    <span className="flex gap-2">
                      <Button variant="danger" disabled={busyId === key.id} onClick={() => void revoke(key.id)}>
                        Confirm revoke
                      </Button>
                      <Button variant="ghost" onClick={() => setConfirming(null)}>
                        Cancel
                      </Button>
                    </span>
                  ) : (
                    <Button variant="secondary" aria-label={`Revoke ${key.name}`} onClick={() => setConfirming(key.id)}>
                      Revoke
                    </Button>
                  )}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
