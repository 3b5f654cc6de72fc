import "server-only";

import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/create-client";
import { logger } from "@/lib/logger";

/**
 * Why a consent link failed, as the integrator's return URL is told: a few stable codes, never a check's detail,
 * a token or anything MobilePay said in its own words. Staff see the full reason on the consent link.
 */
export const CONSENT_RETURN_ERRORS = [
  "access_denied",
  "mobilepay_error",
  "merchant_mismatch",
  "token_exchange_failed",
  "verification_failed",
  "link_failed",
] as const;
export type ConsentReturnError = (typeof CONSENT_RETURN_ERRORS)[number];

const CHECKS_OF_THE_TOKEN_EXCHANGE = new Set(["token_endpoint", "refresh_token_present"]);

/** The code for a failed link from the check that refused it (and, for MobilePay's own error, its OAuth code). */
export function consentReturnError(failedCheck: string | null, authorizationError?: string): ConsentReturnError {
  if (failedCheck === "authorization_error") {
    return authorizationError === "access_denied" ? "access_denied" : "mobilepay_error";
  }
  if (failedCheck === "merchant_match") return "merchant_mismatch";
  if (failedCheck && CHECKS_OF_THE_TOKEN_EXCHANGE.has(failedCheck)) return "token_exchange_failed";
  return failedCheck ? "verification_failed" : "link_failed";
}

export type ConsentLinkReturn = {
  /** The stored return URL with consent_link_id, status and (on failure) error set; nothing else changed. */
  url: string;
  /** What the merchant is told they go back to. */
  host: string;
  status: "consented" | "failed";
};

/** The OAuth error code MobilePay answered with, from the stored checks of a refused response. */
function authorizationErrorOf(checks: string): string | undefined {
  try {
    const parsed = JSON.parse(checks) as { name?: unknown; detail?: unknown }[];
    const check = parsed.find((entry) => entry.name === "authorization_error");
    return typeof check?.detail === "string" ? check.detail : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the merchant goes once a consent link created through the API has ended: exactly the return URL stored
 * with it, and only while its origin is still on its key's allow-list (an admin may have taken it off since).
 * The outcome is read from the link itself, not from the request that ended it, so a double-submitted answer
 * that was refused after the first one linked still sends the merchant back as consented. A link without a
 * return URL, or not yet ended, has none.
 */
export async function readConsentLinkReturn(
  invitationId: string,
  db: Database = getDb(),
): Promise<ConsentLinkReturn | null> {
  const link = await db.apiConsentLink.findUnique({ where: { invitationId } });
  if (!link?.returnUrl || !URL.canParse(link.returnUrl)) return null;
  const [key, invitation] = await Promise.all([
    db.apiKey.findUnique({ where: { id: link.apiKeyId }, select: { returnUrlOrigins: true } }),
    db.invitation.findUnique({ where: { id: invitationId }, select: { status: true } }),
  ]);
  const target = new URL(link.returnUrl);
  if (!key?.returnUrlOrigins.split(" ").includes(target.origin)) {
    logger.warn("consent link return URL no longer allowed for its key", { invitationId, apiKeyId: link.apiKeyId });
    return null;
  }
  if (invitation?.status !== "consented" && invitation?.status !== "failed") return null;
  target.searchParams.set("consent_link_id", invitationId);
  target.searchParams.set("status", invitation.status);
  target.searchParams.delete("error");
  if (invitation.status === "failed") {
    const refusal = await db.callbackRecord.findFirst({
      where: { invitationId, outcome: "failed" },
      orderBy: { receivedAt: "desc" },
      select: { failedCheck: true, checks: true },
    });
    target.searchParams.set(
      "error",
      consentReturnError(refusal?.failedCheck ?? null, refusal ? authorizationErrorOf(refusal.checks) : undefined),
    );
  }
  return { url: target.href, host: target.host, status: invitation.status };
}
