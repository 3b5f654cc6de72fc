import "server-only";

import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/create-client";

export type Actor =
  | { type: "staff"; id: string; label: string }
  | { type: "system"; label: string }
  | { type: "merchant"; label: string };

export type AuditEventInput = {
  actor: Actor;
  action: string;
  environment?: string;
  merchantId?: string;
  outcome?: "success" | "failure";
  details?: Record<string, unknown>;
};

type AuditWriter = Pick<Database, "auditEvent">;

/** The row one audit event is stored as. */
export function auditEventRow(input: AuditEventInput) {
  return {
    actorType: input.actor.type,
    actorId: input.actor.type === "staff" ? input.actor.id : null,
    actorLabel: input.actor.label,
    action: input.action,
    environment: input.environment ?? null,
    merchantId: input.merchantId ?? null,
    outcome: input.outcome ?? "success",
    details: JSON.stringify(input.details ?? {}),
  };
}

/**
 * Appends one audit event. Audit events are never updated or deleted; pass the
 * transaction client so the event commits together with the change it records.
 */
export async function recordAuditEvent(input: AuditEventInput, writer: AuditWriter = getDb()): Promise<void> {
  await writer.auditEvent.create({ data: auditEventRow(input) });
}
