/**
 * How the token endpoint may misanswer a refresh while still serving it (the grant is used and a OneTime
 * refresh token rotates): tokens naming another merchant, an answer without id_token, or an answer held
 * back until the client gives up, as a client that crashes mid-refresh never receives it.
 */
export const REFRESH_ANSWER_FAULT_KINDS = [
  "other-merchant",
  "other-merchant-access-token",
  "other-merchant-id-token",
  "other-merchant-without-id-token",
  "without-id-token",
  "hold",
] as const;

export type RefreshAnswerFaultKind = (typeof REFRESH_ANSWER_FAULT_KINDS)[number];

/** Whether the answer's access token / id_token carries another merchant's merchant_id and merchant_vat. */
export function namesOtherMerchant(kind: RefreshAnswerFaultKind | null, token: "access-token" | "id-token"): boolean {
  if (kind === "other-merchant") return true;
  if (token === "access-token")
    return kind === "other-merchant-access-token" || kind === "other-merchant-without-id-token";
  return kind === "other-merchant-id-token";
}

export function dropsIdToken(kind: RefreshAnswerFaultKind | null): boolean {
  return kind === "without-id-token" || kind === "other-merchant-without-id-token";
}
