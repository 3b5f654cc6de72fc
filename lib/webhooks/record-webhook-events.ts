import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import type { RawStatements } from "@/lib/db/fixed-statements";
import { newRowId } from "@/lib/db/row-id";
import { insertStatement } from "@/lib/db/row-statements";
import type { WebhookEventType } from "@/lib/webhooks/event-types";

/** The merchant an event is about; VAT and name are read in the transaction when the caller lacks them. */
export type EventMerchant = { id: string; vatNumber?: string; name?: string };

export type WebhookEventInput = {
  type: WebhookEventType;
  environment: string;
  merchant?: EventMerchant;
  /** For a consent link without a merchant yet, its invited VAT and name stand in. */
  invited?: { vatNumber: string; name: string };
  invitationId?: string;
  /** The type's own fields. Never a token or any other secret. */
  data?: Record<string, unknown>;
  /** Events several instances may notice (an expiry) carry a key, and only the first one is kept. */
  dedupKey?: string;
};

/** Standard Webhooks ids must not contain a dot; this one also sorts by creation within a process. */
export const newEventId = () => `msg_${newRowId()}`;

/**
 * Appends events to the outbox. Call it with the transaction client of the change the events describe:
 * the change and its announcement commit together or not at all, and the delivery worker picks them up
 * from there. One fixed statement (plus one read for merchants given without VAT and name).
 */
export async function recordWebhookEvents(
  tx: RawStatements,
  inputs: readonly WebhookEventInput[],
  occurredAt: Date,
): Promise<void> {
  if (inputs.length === 0) return;
  const known = await merchantsByIdFor(tx, inputs);
  const rows = inputs.map((input) => {
    const merchant = input.merchant ? { ...known.get(input.merchant.id), ...definedOnly(input.merchant) } : undefined;
    return {
      id: newEventId(),
      type: input.type,
      occurredAt,
      environment: input.environment,
      merchantId: merchant?.id ?? null,
      merchantVat: merchant?.vatNumber ?? input.invited?.vatNumber ?? null,
      merchantName: merchant?.name ?? input.invited?.name ?? null,
      invitationId: input.invitationId ?? null,
      data: JSON.stringify(input.data ?? {}),
      dedupKey: input.dedupKey ?? null,
      fannedOutAt: null,
    };
  });
  const statement = insertStatement("WebhookEvent", rows);
  await tx.$executeRawUnsafe(`${statement.text} ON CONFLICT ("dedupKey") DO NOTHING`, ...statement.values);
}

function definedOnly(merchant: EventMerchant): EventMerchant {
  return Object.fromEntries(Object.entries(merchant).filter(([, value]) => value !== undefined)) as EventMerchant;
}

async function merchantsByIdFor(tx: RawStatements, inputs: readonly WebhookEventInput[]) {
  const missing = [
    ...new Set(
      inputs
        .filter((input) => input.merchant && (!input.merchant.vatNumber || !input.merchant.name))
        .map((input) => input.merchant!.id),
    ),
  ];
  const found = new Map<string, Required<EventMerchant>>();
  if (missing.length === 0) return found;
  const markers = missing.map((_, index) => bindMarker(index + 1)).join(", ");
  const rows = await tx.$queryRawUnsafe<{ id: string; vatNumber: string; name: string }[]>(
    `SELECT "id", "vatNumber", "name" FROM "Merchant" WHERE "id" IN (${markers})`,
    ...missing,
  );
  for (const row of rows) found.set(row.id, row);
  return found;
}
