import "server-only";

import type { AuditCursor, TAuditFilters } from "@/lib/audit/audit-filter-schemas";
import { csvRow } from "@/lib/audit/csv";
import { findAuditEvents } from "@/lib/audit/find-audit-events";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";

/** An export is bounded: past this many rows staff narrow the filters instead of tying up the database. */
export const MAX_EXPORT_ROWS = 100_000;
const BATCH_SIZE = 1_000;

const COLUMNS = [
  "occurredAt",
  "action",
  "outcome",
  "actorType",
  "actorId",
  "actorLabel",
  "environment",
  "merchantId",
  "details",
  "id",
] as const;

export type ExportAuditEventsOptions = {
  filters: TAuditFilters;
  staff: { id: string; email: string };
  /** The environments whose events the exporter may see (null: all), decided by the caller's role. */
  visibleEnvironments: string[] | null;
};

/**
 * The filtered audit log as a CSV stream, read in keyset batches so memory stays flat. The export itself is
 * recorded first, with its filters: who took a copy of the log is part of the log.
 */
export async function exportAuditEvents({
  filters,
  staff,
  visibleEnvironments,
}: ExportAuditEventsOptions): Promise<ReadableStream<Uint8Array>> {
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "audit.exported",
    details: {
      filters: Object.fromEntries(
        Object.entries(filters).map(([field, value]) => [field, value instanceof Date ? value.toISOString() : value]),
      ),
    },
  });
  const db = getDb();
  const encoder = new TextEncoder();
  let cursor: AuditCursor | undefined;
  let written = 0;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(COLUMNS)));
        return;
      }
      const batch = await findAuditEvents(db, {
        filters,
        cursor,
        take: Math.min(BATCH_SIZE, MAX_EXPORT_ROWS - written),
        visibleEnvironments,
      });
      const text = batch
        .map((event) =>
          csvRow([
            event.occurredAt.toISOString(),
            event.action,
            event.outcome,
            event.actorType,
            event.actorId,
            event.actorLabel,
            event.environment,
            event.merchantId,
            event.details,
            event.id,
          ]),
        )
        .join("");
      written += batch.length;
      const last = batch.at(-1);
      if (last) cursor = { occurredAt: last.occurredAt, id: last.id };
      if (text) controller.enqueue(encoder.encode(text));
      if (batch.length < BATCH_SIZE || written >= MAX_EXPORT_ROWS) {
        if (written >= MAX_EXPORT_ROWS) {
          controller.enqueue(
            encoder.encode(csvRow([`export stopped at ${MAX_EXPORT_ROWS} rows; narrow the filters for the rest`])),
          );
        }
        done = true;
        controller.close();
      }
    },
  });
}
