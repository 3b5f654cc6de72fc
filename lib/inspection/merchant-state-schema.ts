import { z } from "zod";

const CONNECTION_STATES = [
  "active",
  "expiring",
  "refreshing",
  "degraded",
  "relink_needed",
  "revoked",
  "never_used",
] as const;

/**
 * The answer of GET /api/merchants/[merchantId]/state, checked in the browser: a live view that gets something
 * else (an older or newer server, an HTML error page) says "state unavailable" instead of rendering nonsense.
 */
export const ZMerchantLiveStateSchema = z.looseObject({
  state: z.enum(CONNECTION_STATES),
  accessTokenExpiresAt: z.string().nullable(),
  failureKind: z.string().nullable(),
  failureReason: z.string().nullable(),
  lineage: z
    .looseObject({
      generation: z.number(),
      refreshTokenFingerprint: z.string(),
      previousRefreshTokenFingerprint: z.string().nullable(),
      rotationMode: z.string(),
      lastRotationAt: z.string().nullable(),
      refreshCount: z.number(),
      raceRecoveries: z.number(),
    })
    .nullable(),
});

export type TMerchantLiveState = z.infer<typeof ZMerchantLiveStateSchema>;

export const merchantStateQueryKey = (merchantId: string) => ["merchants", merchantId, "state"] as const;
