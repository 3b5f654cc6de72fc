export const CONNECTION_STATES = [
  "active",
  "expiring",
  "refreshing",
  "interrupted",
  "degraded",
  "relink_needed",
  "revoked",
  "never_used",
] as const;

export type TMerchantLiveState = {
  state: (typeof CONNECTION_STATES)[number];
  accessTokenExpiresAt: string | null;
  failureKind: string | null;
  failureReason: string | null;
  lineage: {
    generation: number;
    refreshTokenFingerprint: string;
    previousRefreshTokenFingerprint: string | null;
    rotationMode: string;
    lastRotationAt: string | null;
    refreshCount: number;
    raceRecoveries: number;
  } | null;
};

type Shape = Record<string, "string" | "number" | "string?">;

const LIVE_STATE_SHAPE: Shape = { accessTokenExpiresAt: "string?", failureKind: "string?", failureReason: "string?" };
const LINEAGE_SHAPE: Shape = {
  generation: "number",
  refreshTokenFingerprint: "string",
  previousRefreshTokenFingerprint: "string?",
  rotationMode: "string",
  lastRotationAt: "string?",
  refreshCount: "number",
  raceRecoveries: "number",
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fits(value: Record<string, unknown>, shape: Shape): boolean {
  return Object.entries(shape).every(([key, kind]) => {
    const field = value[key];
    return kind === "string?" ? field === null || typeof field === "string" : typeof field === kind;
  });
}

/**
 * Checks the answer of GET /api/merchants/[merchantId]/state in the browser: a live view that gets something else
 * (an older or newer server, an HTML error page) says "state unavailable" instead of rendering nonsense. Written by
 * hand because this small check is all the live view needs, and a schema library would weigh more than the page.
 * Extra fields are allowed, as a newer server may send more.
 */
export function readMerchantLiveState(payload: unknown): TMerchantLiveState | null {
  if (!isObject(payload) || !fits(payload, LIVE_STATE_SHAPE)) return null;
  if (!CONNECTION_STATES.includes(payload.state as TMerchantLiveState["state"])) return null;
  const { lineage } = payload;
  if (lineage !== null && !(isObject(lineage) && fits(lineage, LINEAGE_SHAPE))) return null;
  return payload as TMerchantLiveState;
}

export const merchantStateQueryKey = (merchantId: string) => ["merchants", merchantId, "state"] as const;
