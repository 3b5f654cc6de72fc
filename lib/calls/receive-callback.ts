import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { verifyCallbackAuthorization } from "@/lib/calls/callback-credentials";
import { CALLBACK_KINDS, type CallbackKind } from "@/lib/calls/sample-call-context";
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
};

function isCallbackKind(kind: string): kind is CallbackKind {
  return (CALLBACK_KINDS as readonly string[]).includes(kind);
}

/**
 * Stores a callback MobilePay delivered. Only a callback carrying the Basic
 * credentials the console registered is tied to a merchant (and its timeline);
 * anything else is kept unverified for diagnosis and answered 401.
 */
export async function receiveCallback(options: ReceiveCallbackOptions): Promise<{ verified: boolean }> {
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
  let body = options.bodyText;
  try {
    body = JSON.stringify(JSON.parse(options.bodyText));
  } catch {
    body = options.bodyText.slice(0, 2000);
  }

  await db.$transaction(async (tx) => {
    const stored = await tx.receivedCallback.create({
      data: {
        merchantId: verification.merchantId,
        environment: environment.id,
        kind: options.kind,
        verified: verification.verified,
        verificationDetail: verification.detail,
        body,
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
  return { verified: verification.verified };
}
