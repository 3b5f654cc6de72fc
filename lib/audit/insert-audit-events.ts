import "server-only";

import type { Prisma } from "@prisma/client";

import { auditEventRow, type AuditEventInput } from "@/lib/audit/record-audit-event";
import { bindMarker } from "@/lib/db/bind-marker";
import { newRowId } from "@/lib/db/row-id";

const COLUMNS = [
  "id",
  "occurredAt",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "environment",
  "merchantId",
  "outcome",
  "details",
] as const;

/**
 * Appends several audit events in one fixed statement, all at `occurredAt`. The keep-alive sweep stores
 * one per refresh, a group at a time: as a Prisma 6 `createMany` five events cost 4.8 ms of CPU, as SQL 2.1.
 */
export async function insertAuditEvents(
  tx: Prisma.TransactionClient,
  inputs: readonly AuditEventInput[],
  occurredAt: Date,
): Promise<void> {
  if (inputs.length === 0) return;
  const values: unknown[] = [];
  const bind = (value: unknown) => bindMarker(values.push(value));
  const rows = inputs.map((input) => {
    const row = { id: newRowId(), occurredAt, ...auditEventRow(input) };
    return `(${COLUMNS.map((column) => bind(row[column])).join(", ")})`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO "AuditEvent" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES ${rows.join(", ")}`,
    ...values,
  );
}
