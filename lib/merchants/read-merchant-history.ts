import "server-only";

import { bindMarker } from "@/lib/db/bind-marker";
import type { Database } from "@/lib/db/create-client";
import { fixedRead } from "@/lib/db/fixed-read";

export type MerchantRow = {
  id: string;
  name: string;
  vatNumber: string;
  mobilePayId: string | null;
  subject: string | null;
  issuer: string | null;
  products: string;
  environment: string;
  unlinkedAt: Date | null;
  lastActivityAt: Date;
  createdAt: Date;
};

export type MerchantInvitationRow = {
  id: string;
  status: string;
  failureReason: string | null;
  expiresAt: Date;
  openedAt: Date | null;
  createdAt: Date;
  createdByLabel: string;
};

export type MerchantCallbackRow = {
  id: string;
  receivedAt: Date;
  outcome: string;
  failedCheck: string | null;
  checks: string;
  clockOffsetSeconds: number | null;
  tokenEndpointStatus: number | null;
  tokenEndpointError: string | null;
};

export type MerchantAuditRow = {
  id: string;
  occurredAt: Date;
  action: string;
  actorLabel: string;
  outcome: string;
  details: string;
};

/**
 * The merchant page's reads besides the token set, as fixed statements: the page is opened on every
 * support question, and as Prisma 6 model queries (compiled anew on each call) these four cost more
 * than the rows they return. Each list is newest first and bounded.
 */
export async function readMerchantHistory(
  db: Database,
  merchantId: string,
  limits: { invitations: number; callbackRecords: number; auditEvents: number },
) {
  const [merchants, invitations, callbackRecords, auditEvents] = await Promise.all([
    fixedRead<MerchantRow>(
      db,
      `SELECT "id", "name", "vatNumber", "mobilePayId", "subject", "issuer", "products", "environment",
        "unlinkedAt", "lastActivityAt", "createdAt"
      FROM "Merchant" WHERE "id" = ${bindMarker(1)}`,
      merchantId,
    ),
    fixedRead<MerchantInvitationRow>(
      db,
      `SELECT "id", "status", "failureReason", "expiresAt", "openedAt", "createdAt", "createdByLabel"
      FROM "Invitation" WHERE "merchantId" = ${bindMarker(1)}
      ORDER BY "createdAt" DESC, "id" DESC LIMIT ${bindMarker(2)}`,
      merchantId,
      limits.invitations,
    ),
    fixedRead<MerchantCallbackRow>(
      db,
      `SELECT c."id", c."receivedAt", c."outcome", c."failedCheck", c."checks", c."clockOffsetSeconds",
        c."tokenEndpointStatus", c."tokenEndpointError"
      FROM "CallbackRecord" c JOIN "Invitation" i ON i."id" = c."invitationId"
      WHERE i."merchantId" = ${bindMarker(1)}
      ORDER BY c."receivedAt" DESC, c."id" DESC LIMIT ${bindMarker(2)}`,
      merchantId,
      limits.callbackRecords,
    ),
    fixedRead<MerchantAuditRow>(
      db,
      `SELECT "id", "occurredAt", "action", "actorLabel", "outcome", "details"
      FROM "AuditEvent" WHERE "merchantId" = ${bindMarker(1)}
      ORDER BY "occurredAt" DESC, "id" DESC LIMIT ${bindMarker(2)}`,
      merchantId,
      limits.auditEvents,
    ),
  ]);
  return { merchant: merchants[0] ?? null, invitations, callbackRecords, auditEvents };
}
