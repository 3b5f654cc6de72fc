export type InvitationState = "created" | "opened" | "consented" | "failed" | "expired";

/** Expiry is derived, so no job has to flip rows when the time passes. */
export function invitationState(
  invitation: { status: string; expiresAt: Date },
  now: Date = new Date(),
): InvitationState {
  if (invitation.status === "consented" || invitation.status === "failed") return invitation.status;
  if (invitation.expiresAt <= now) return "expired";
  return invitation.status === "opened" ? "opened" : "created";
}

/** Whether the link may still start a trip to MobilePay. A failed attempt may be retried. */
export function invitationIsUsable(invitation: { status: string; expiresAt: Date }, now: Date = new Date()): boolean {
  const state = invitationState(invitation, now);
  return state === "created" || state === "opened" || state === "failed";
}
