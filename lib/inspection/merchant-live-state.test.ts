import { describe, expect, it } from "vitest";

import { readMerchantLiveState } from "@/lib/inspection/merchant-live-state";

const lineage = {
  generation: 3,
  refreshTokenFingerprint: "abc123abc123",
  previousRefreshTokenFingerprint: null,
  rotationMode: "OneTime",
  lastRotationAt: "2026-01-01T00:00:00.000Z",
  refreshCount: 2,
  raceRecoveries: 0,
};
const answer = {
  state: "active",
  accessTokenExpiresAt: "2026-01-01T00:05:00.000Z",
  failureKind: null,
  failureReason: null,
  lineage,
};

describe("readMerchantLiveState", () => {
  it("accepts the state route's answer, with or without lineage, and extra fields", () => {
    expect(readMerchantLiveState(answer)).toEqual(answer);
    expect(readMerchantLiveState({ ...answer, lineage: null })).toEqual({ ...answer, lineage: null });
    expect(readMerchantLiveState({ ...answer, newerField: 1, lineage: { ...lineage, extra: true } })).not.toBeNull();
  });

  it("refuses anything else", () => {
    expect(readMerchantLiveState(null)).toBeNull();
    expect(readMerchantLiveState("<html>")).toBeNull();
    expect(readMerchantLiveState([answer])).toBeNull();
    expect(readMerchantLiveState({ ...answer, state: "sleeping" })).toBeNull();
    expect(readMerchantLiveState({ ...answer, accessTokenExpiresAt: 5 })).toBeNull();
    expect(readMerchantLiveState({ ...answer, failureKind: undefined })).toBeNull();
    expect(readMerchantLiveState({ ...answer, lineage: undefined })).toBeNull();
    expect(readMerchantLiveState({ ...answer, lineage: { ...lineage, generation: "3" } })).toBeNull();
    expect(readMerchantLiveState({ ...answer, lineage: { ...lineage, lastRotationAt: undefined } })).toBeNull();
  });
});
