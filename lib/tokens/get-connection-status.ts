import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { connectionState } from "@/lib/tokens/connection-state";

/** The live connection state of a merchant, for polling views. Fingerprints only, never values. */
export async function getConnectionStatus(merchantId: string) {
  const merchant = await getDb().merchant.findUnique({
    where: { id: merchantId },
    select: { unlinkedAt: true, tokenSet: true },
  });
  if (!merchant) throw new AppError("NOT_FOUND", { userMessage: "No such merchant." });
  const set = merchant.tokenSet;
  return {
    state: connectionState({ unlinkedAt: merchant.unlinkedAt, tokenSet: set }),
    accessTokenExpiresAt: set?.accessTokenExpiresAt.toISOString() ?? null,
    failureKind: set?.failureKind ?? null,
    failureReason: set?.failureReason ?? null,
    nextAttemptAt: set?.nextAttemptAt?.toISOString() ?? null,
    lineage: set
      ? {
          generation: set.version,
          refreshTokenFingerprint: set.refreshTokenFingerprint,
          previousRefreshTokenFingerprint: set.previousRefreshTokenFingerprint,
          rotationMode: set.rotationMode,
          lastRotationAt: set.lastRotationAt?.toISOString() ?? null,
          lastRefreshedAt: set.lastRefreshedAt?.toISOString() ?? null,
          refreshCount: set.refreshCount,
          raceRecoveries: set.raceRecoveries,
        }
      : null,
  };
}
