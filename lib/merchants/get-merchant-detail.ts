import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { invitationState } from "@/lib/links/invitation-state";
import { connectionState } from "@/lib/merchants/connection-state";
import { findEnvironment } from "@/lib/mobilepay/environments";

function parseJsonObject(text: string | null | undefined): Record<string, unknown> | { error: string } {
  try {
    const value: unknown = JSON.parse(text ?? "{}");
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { error: "not an object" };
  } catch {
    return { error: "cannot decode stored claims" };
  }
}

/** Everything the merchant page shows, as plain data: no token value, no ciphertext. */
export async function getMerchantDetail(merchantId: string) {
  const db = getDb();
  const merchant = await db.merchant.findUnique({
    where: { id: merchantId },
    include: {
      tokenSet: true,
      invitations: { orderBy: { createdAt: "desc" }, take: 10 },
    },
  });
  if (!merchant) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  const [callbackRecords, auditEvents] = await Promise.all([
    db.callbackRecord.findMany({
      where: { invitationId: { in: merchant.invitations.map((invitation) => invitation.id) } },
      orderBy: { receivedAt: "desc" },
      take: 10,
    }),
    db.auditEvent.findMany({ where: { merchantId }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: 30 }),
  ]);
  const environment = findEnvironment(merchant.environment);
  const now = new Date();
  return {
    merchant: {
      id: merchant.id,
      name: merchant.name,
      vatNumber: merchant.vatNumber,
      mobilePayId: merchant.mobilePayId,
      subject: merchant.subject,
      issuer: merchant.issuer,
      products: merchant.products.split(" ").filter(Boolean),
      environment: {
        id: merchant.environment,
        label: environment?.label ?? merchant.environment,
        isSandbox: environment?.isSandbox ?? false,
      },
      unlinkedAt: merchant.unlinkedAt?.toISOString() ?? null,
      lastActivityAt: merchant.lastActivityAt.toISOString(),
      createdAt: merchant.createdAt.toISOString(),
    },
    state: connectionState({ unlinkedAt: merchant.unlinkedAt, tokenSet: merchant.tokenSet }, now),
    tokenSet: merchant.tokenSet
      ? {
          keyId: merchant.tokenSet.keyId,
          version: merchant.tokenSet.version,
          grantedScopes: merchant.tokenSet.grantedScopes.split(" ").filter(Boolean),
          refreshTokenFingerprint: merchant.tokenSet.refreshTokenFingerprint,
          accessTokenExpiresAt: merchant.tokenSet.accessTokenExpiresAt.toISOString(),
          accessTokenIssuedAt: merchant.tokenSet.accessTokenIssuedAt.toISOString(),
          lastRefreshedAt: merchant.tokenSet.lastRefreshedAt?.toISOString() ?? null,
          idTokenClaims: parseJsonObject(merchant.tokenSet.idTokenClaims),
          accessTokenClaims: parseJsonObject(merchant.tokenSet.accessTokenClaims),
        }
      : null,
    invitations: merchant.invitations.map((invitation) => ({
      id: invitation.id,
      state: invitationState(invitation, now),
      failureReason: invitation.failureReason,
      createdAt: invitation.createdAt.toISOString(),
      createdByLabel: invitation.createdByLabel,
    })),
    callbackRecords: callbackRecords.map((record) => ({
      id: record.id,
      receivedAt: record.receivedAt.toISOString(),
      outcome: record.outcome,
      failedCheck: record.failedCheck,
      checks: JSON.parse(record.checks) as { name: string; passed: boolean; detail: string }[],
      clockOffsetSeconds: record.clockOffsetSeconds,
    })),
    auditEvents: auditEvents.map((event) => ({
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      actorLabel: event.actorLabel,
      outcome: event.outcome,
      details: event.details,
    })),
  };
}

export type MerchantDetail = Awaited<ReturnType<typeof getMerchantDetail>>;
