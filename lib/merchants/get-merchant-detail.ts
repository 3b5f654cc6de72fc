import "server-only";

import type { CurrentStaff } from "@/lib/auth/current-staff";
import { assertMerchantVisible } from "@/lib/auth/require-environment-access";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clockSkewVerdict, offsetFromIssuedAt } from "@/lib/inspection/clock-skew";
import { maskTokenSet, openTokensForMasking } from "@/lib/inspection/get-masked-tokens";
import { scopeDiff } from "@/lib/inspection/scope-diff";
import { buildTimeline } from "@/lib/inspection/timeline";
import { connectionState } from "@/lib/tokens/connection-state";
import { PRODUCTS, type Product } from "@/lib/mobilepay/environment-config";
import { findEnvironment } from "@/lib/mobilepay/environments";
import { readMerchantHistory } from "@/lib/merchants/read-merchant-history";
import { parseStoredChecks } from "@/lib/merchants/stored-callback-checks";
import { readStoredSets } from "@/lib/tokens/read-stored-sets";

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

/** How many audit events the merchant timeline shows; the audit log has the rest. */
const TIMELINE_EVENTS = 200;
const MERCHANT_INVITATIONS = 20;
const CALLBACK_RECORDS = 20;

/**
 * Everything the merchant page shows, as plain data: no token value, no ciphertext. The reads do not depend
 * on each other, so they all start at once; a merchant the viewer may not see is a 404 all the same.
 */
export async function getMerchantDetail(merchantId: string, viewer: Pick<CurrentStaff, "role">) {
  const db = getDb();
  const [{ merchant: found, invitations, callbackRecords, auditEvents }, [storedSet]] = await Promise.all([
    readMerchantHistory(db, merchantId, {
      invitations: MERCHANT_INVITATIONS,
      callbackRecords: CALLBACK_RECORDS,
      auditEvents: TIMELINE_EVENTS,
    }),
    // One read serves the token facts and the masks (it holds the ciphertexts; none of them leaves here).
    readStoredSets(db, [merchantId]),
  ]);
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  assertMerchantVisible(viewer, found);
  const merchant = { ...found, invitations, tokenSet: storedSet ?? null };
  const openedTokens = openTokensForMasking(merchant.tokenSet);
  const environment = findEnvironment(merchant.environment);
  const now = new Date();
  const products = merchant.products.split(" ").filter(Boolean);
  const requestedScopes = environment
    ? environment.scopesFor(products.filter((product): product is Product => PRODUCTS.includes(product as Product)))
    : "";
  const accessTokenClaims = merchant.tokenSet ? parseJsonObject(merchant.tokenSet.accessTokenClaims) : null;
  const accessIat = accessTokenClaims && "iat" in accessTokenClaims ? accessTokenClaims.iat : undefined;
  const issuedAtOffsetSeconds =
    merchant.tokenSet && typeof accessIat === "number"
      ? offsetFromIssuedAt(accessIat, merchant.tokenSet.lastRefreshedAt ?? merchant.tokenSet.accessTokenIssuedAt)
      : null;
  const clockToleranceSeconds = environment?.clockToleranceSeconds ?? 10;
  const auditDtos = auditEvents.map((event) => ({
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actorLabel: event.actorLabel,
    outcome: event.outcome,
    details: event.details,
  }));
  const callbackDtos = callbackRecords.map((record) => ({
    id: record.id,
    receivedAt: record.receivedAt.toISOString(),
    outcome: record.outcome,
    failedCheck: record.failedCheck,
    checks: parseStoredChecks(record.checks),
    clockOffsetSeconds: record.clockOffsetSeconds,
    tokenEndpointStatus: record.tokenEndpointStatus,
    tokenEndpointError: record.tokenEndpointError,
  }));
  return {
    merchant: {
      id: merchant.id,
      name: merchant.name,
      vatNumber: merchant.vatNumber,
      mobilePayId: merchant.mobilePayId,
      subject: merchant.subject,
      issuer: merchant.issuer,
      products,
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
    /** Why the last refresh failed, while the link is degraded or needs relinking; null when it is healthy. */
    failure: merchant.tokenSet?.failureKind
      ? {
          kind: merchant.tokenSet.failureKind,
          reason: merchant.tokenSet.failureReason,
          at: merchant.tokenSet.failureAt?.toISOString() ?? null,
          nextAttemptAt: merchant.tokenSet.nextAttemptAt?.toISOString() ?? null,
        }
      : null,
    /** Which refresh token is current and which one it replaced: fingerprints only. */
    lineage: merchant.tokenSet
      ? {
          generation: merchant.tokenSet.version,
          refreshTokenFingerprint: merchant.tokenSet.refreshTokenFingerprint,
          previousRefreshTokenFingerprint: merchant.tokenSet.previousRefreshTokenFingerprint,
          rotationMode: merchant.tokenSet.rotationMode,
          refreshCount: merchant.tokenSet.refreshCount,
          raceRecoveries: merchant.tokenSet.raceRecoveries,
        }
      : null,
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
          accessTokenClaims: accessTokenClaims ?? {},
          scopeDiff: scopeDiff(requestedScopes, merchant.tokenSet.grantedScopes),
          /** MobilePay's clock at issue (iat) against ours when the tokens were stored; null without an iat. */
          issuedAtOffsetSeconds,
        }
      : null,
    requestedScopes: requestedScopes.split(" ").filter(Boolean),
    clockToleranceSeconds,
    /** MobilePay's clock at the last tokens, judged here: the verdict's texts need not ship with the page. */
    issuedAtClockSkew: clockSkewVerdict(issuedAtOffsetSeconds, clockToleranceSeconds),
    maskedTokens: maskTokenSet(openedTokens, merchant.tokenSet),
    callbackRecords: callbackDtos,
    // The audit events and invitations reach the page through the timeline only: the page polls this answer.
    timeline: buildTimeline({
      auditEvents: auditDtos,
      invitations: merchant.invitations.map((invitation) => ({
        id: invitation.id,
        createdAt: invitation.createdAt.toISOString(),
        createdByLabel: invitation.createdByLabel,
        openedAt: invitation.openedAt?.toISOString() ?? null,
      })),
      callbackRecords: callbackDtos,
    }),
  };
}

export type MerchantDetail = Awaited<ReturnType<typeof getMerchantDetail>>;
