import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentStaff } from "@/lib/auth/current-staff";
import { hasPermission } from "@/lib/auth/roles";
import { requireFreshSecondFactor } from "@/lib/auth/fresh-second-factor";
import { fingerprint } from "@/lib/crypto/fingerprint";
import { AppError } from "@/lib/errors";
import {
  REVEAL_VISIBLE_SECONDS,
  type RevealTokenResponse,
  type TRevealTokenSchema,
} from "@/lib/inspection/reveal-schemas";
import { readTokenSet } from "@/lib/tokens/read-token-set";

export type RevealTokenOptions = TRevealTokenSchema & { merchantId: string; staff: CurrentStaff };

/**
 * Hands one token value to an admin, once, for a stated reason. The audit event is written before the value is
 * returned: a reveal that cannot be recorded does not happen.
 */
export async function revealToken({
  merchantId,
  token,
  reason,
  secondFactorCode,
  secondFactorPasskey,
  staff,
}: RevealTokenOptions): Promise<RevealTokenResponse> {
  // Checked again here so no other caller can skip the route's permission check.
  if (!hasPermission(staff.role, "tokens:reveal")) {
    throw new AppError("FORBIDDEN", { userMessage: "Your role does not allow revealing tokens." });
  }
  await requireFreshSecondFactor(staff.id, { code: secondFactorCode || undefined, passkey: secondFactorPasskey });
  let plain: Awaited<ReturnType<typeof readTokenSet>>;
  try {
    plain = await readTokenSet(merchantId);
  } catch (error) {
    throw new AppError("CONFLICT", {
      message: `reveal failed to decrypt: ${error instanceof Error ? error.message : "unknown"}`,
      userMessage: "The stored token cannot be decrypted, so there is nothing to reveal.",
    });
  }
  if (!plain) throw new AppError("NOT_FOUND", { userMessage: "This merchant has no stored tokens." });
  const idToken = "idToken" in plain && typeof plain.idToken === "string" ? plain.idToken : undefined;
  const value = token === "access" ? plain.accessToken : token === "refresh" ? plain.refreshToken : idToken;
  if (value === undefined) {
    throw new AppError("NOT_FOUND", { userMessage: "The id_token's value is not kept; only its claims are." });
  }
  const valueFingerprint = fingerprint(value);
  await recordAuditEvent({
    actor: { type: "staff", id: staff.id, label: staff.email },
    action: "tokens.revealed",
    environment: plain.environment,
    merchantId,
    details: { token, reason, fingerprint: valueFingerprint },
  });
  return { value, fingerprint: valueFingerprint, visibleForSeconds: REVEAL_VISIBLE_SECONDS };
}
