import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { callbackBodyProblem, type ArrivedBody } from "@/lib/calls/callback-body";
import { verifyCallbackAuthorization } from "@/lib/calls/callback-credentials";
import { countDroppedCallback } from "@/lib/calls/dropped-callback-counts";
import { CALLBACK_KINDS, type CallbackKind } from "@/lib/calls/sample-call-context";
import { takeUnverifiedCallbackBudget } from "@/lib/calls/unverified-callback-budget";
import { UNVERIFIED_CALLBACK_LIMITS } from "@/lib/calls/unverified-callback-limits";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { findEnvironment } from "@/lib/mobilepay/environments";

export const MAX_CALLBACK_BYTES = 256_000;

export type ReceiveCallbackOptions = {
  environment: string;
  kind: string;
  authorization: string | null;
  bodyText: string;
  /** How the body arrived; absent: whole, as its text says. */
  arrival?: Omit<ArrivedBody, "text">;
  /** The sender's address, for the per-sender limit on unverified callbacks. */
  source: string;
  now?: Date;
};

/**
 * verified: stored for its merchant; unverified: kept for diagnosis; incomplete: the registered sender's
 * delivery was empty or cut off, kept for diagnosis and not as a callback; dropped: over the limits, not stored.
 */
export type CallbackReceipt = "verified" | "unverified" | "incomplete" | "dropped";

/** A JSON body is kept normalized; an unverified one only in part, as diagnosis needs no more. */
function bodyToKeep(bodyText: string, verified: boolean): string {
  let body: string;
  try {
    body = JSON.stringify(JSON.parse(bodyText));
  } catch {
    body = bodyText.slice(0, 2000);
  }
  const kept = UNVERIFIED_CALLBACK_LIMITS.keptBodyChars;
  if (verified || body.length <= kept) return body;
  return `${body.slice(0, kept)}… [${body.length - kept} more characters not kept]`;
}

function isCallbackKind(kind: string): kind is CallbackKind {
  return (CALLBACK_KINDS as readonly string[]).includes(kind);
}

/**
 * Stores a callback MobilePay delivered. Only a callback carrying the Basic
 * credentials the console registered is tied to a merchant (and its timeline);
 * anything else is kept unverified for diagnosis and answered 401, within limits on how many and how much
 * (`UNVERIFIED_CALLBACK_LIMITS`); past them it is dropped and only counted.
 */
export async function receiveCallback(options: ReceiveCallbackOptions): Promise<CallbackReceipt> {
  const environment = findEnvironment(options.environment);
  if (!environment || !isCallbackKind(options.kind)) {
    throw new AppError("NOT_FOUND", { userMessage: "No such callback endpoint." });
  }
  const db = getDb();
  let verification = verifyCallbackAuthorization(environment.id, options.authorization);
  if (verification.verified) {
    const merchant = await db.merchant.findUnique({
      where: { id: verification.merchantId },
      select: { environment: true },
    });
    if (!merchant || merchant.environment !== environment.id) {
      verification = {
        verified: false,
        merchantId: null,
        detail: "The credentials name no merchant of this environment",
      };
    }
  }
  const now = options.now ?? new Date();
  if (!verification.verified) {
    const budget = await takeUnverifiedCallbackBudget(db, options.source, now);
    if (budget !== "granted") {
      const dropped = countDroppedCallback("rateLimited");
      // One line per hundred, so a flood does not become a flood of log lines.
      if (dropped % 100 === 1) {
        logger.warn("unverified MobilePay callbacks dropped", { limit: budget, droppedSinceLastReport: dropped });
      }
      return "dropped";
    }
  }
  const arrival = options.arrival ?? {
    bytes: Buffer.byteLength(options.bodyText),
    declaredBytes: null,
    brokenOff: false,
  };
  const problem = verification.verified ? callbackBodyProblem({ text: options.bodyText, ...arrival }) : null;
  if (problem) {
    // The credentials are MobilePay's, but the delivery failed on the way: kept beside the merchant's
    // callbacks for diagnosis, never counted as a callback or written to its timeline.
    await db.receivedCallback.create({
      data: {
        merchantId: verification.merchantId,
        environment: environment.id,
        kind: options.kind,
        verified: false,
        verificationDetail: problem.detail,
        body: problem.keptBody,
        receivedAt: now,
      },
    });
    logger.warn("incomplete MobilePay callback", { environment: environment.id, kind: options.kind });
    return "incomplete";
  }
  const body = bodyToKeep(options.bodyText, verification.verified);

  await db.$transaction(async (tx) => {
    const stored = await tx.receivedCallback.create({
      data: {
        merchantId: verification.merchantId,
        environment: environment.id,
        kind: options.kind,
        verified: verification.verified,
        verificationDetail: verification.detail,
        body,
        receivedAt: now,
      },
    });
    if (verification.merchantId) {
      await recordAuditEvent(
        {
          actor: { type: "system", label: "MobilePay callback" },
          action: `callback.${options.kind}`,
          environment: environment.id,
          merchantId: verification.merchantId,
          details: { receivedCallbackId: stored.id },
        },
        tx,
      );
    }
  });
  if (!verification.verified) {
    logger.warn("unverified MobilePay callback", {
      environment: environment.id,
      kind: options.kind,
      reason: verification.detail,
    });
  }
  return verification.verified ? "verified" : "unverified";
}
