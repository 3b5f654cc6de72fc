import { z } from "zod";

import { BAD_ID_TOKEN_KINDS, BAD_TOKEN_ENDPOINT_ID_TOKEN_KINDS } from "../faults/bad-id-token-kinds";
import { REFRESH_ANSWER_FAULT_KINDS } from "../faults/refresh-answer-faults";

export const ZTokenEndpointFaultSchema = z.object({
  mode: z.enum(["server-error", "timeout", "invalid-grant"]),
  count: z.coerce.number().int().min(1).max(1000).default(1),
  status: z.coerce.number().int().min(500).max(599).default(503),
});

export const ZLatencySchema = z.object({
  milliseconds: z.coerce.number().int().min(0).max(60_000),
  target: z.enum(["token", "api", "all"]).default("token"),
});

export const ZClockSkewSchema = z.object({
  skewSeconds: z.coerce
    .number()
    .int()
    .min(-7 * 24 * 3600)
    .max(7 * 24 * 3600),
});

export const ZBadIdTokenSchema = z.object({
  kind: z.enum(BAD_ID_TOKEN_KINDS),
  clientId: z.string().min(1).optional(),
});

export const ZBadTokenEndpointIdTokenSchema = z.object({
  kind: z.enum(BAD_TOKEN_ENDPOINT_ID_TOKEN_KINDS),
  clientId: z.string().min(1).optional(),
});

export const ZRefreshAnswerFaultSchema = z.object({
  kind: z.enum(REFRESH_ANSWER_FAULT_KINDS),
  clientId: z.string().min(1).optional(),
  count: z.coerce.number().int().min(1).max(1000).default(1),
});

const booleanLike = z.union([
  z.boolean(),
  z.enum(["true", "false", "on", "off"]).transform((value) => value === "true" || value === "on"),
]);

export const ZSettingsSchema = z
  .object({
    rejectRevokedAccessTokensInstantly: booleanLike.optional(),
    staleRefreshTokenRevokesGrant: booleanLike.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, "Give at least one setting");

export const ZRevokeGrantsSchema = z
  .object({
    grantId: z.string().min(1).optional(),
    merchantId: z.uuid().optional(),
    clientId: z.string().min(1).optional(),
  })
  .refine((value) => value.grantId ?? value.merchantId ?? value.clientId, "Give grantId, merchantId or clientId");

export const ZMerchantSchema = z.object({ merchantId: z.uuid() });

export const ZExecutePaymentsSchema = z.object({ merchantId: z.uuid().optional() });
