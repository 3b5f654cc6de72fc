export type InvitationState = "created" | "opened" | "consented" | "failed" | "expired" | "revoked";

/**
 * The stored statuses a link never leaves. Whatever is reported about it later (a refused or replayed response
 * from MobilePay, a trip that could not start) is recorded beside it, but must not make it "failed", which is
 * usable again: a consented link would be reusable, and a link staff withdrew would work once more.
 */
export const FINAL_INVITATION_STATUSES: string[] = ["consented", "revoked"];

/** Expiry is derived, so no job has to flip rows when the time passes. */
export function invitationState(
  invitation: { status: string; expiresAt: Date },
  now: Date = new Date(),
): InvitationState {
  if (invitation.status === "consented" || invitation.status === "revoked") return invitation.status;
  if (invitation.status === "failed") return "failed";
  if (invitation.expiresAt <= now) return "expired";
  return invitation.status === "opened" ? "opened" : "created";
}

/**
 * Whether the link may still start a trip to MobilePay. A failed attempt may be retried until the link expires
 * (a failed link keeps showing why it failed, but its seven days still end); a revoked link never.
 */
export function invitationIsUsable(invitation: { status: string; expiresAt: Date }, now: Date = new Date()): boolean {
  const state = invitationState(invitation, now);
  return (state === "created" || state === "opened" || state === "failed") && invitation.expiresAt > now;
}

/** How long an opened link may stay without an answer before staff are told what usually causes that. */
export const QUIET_AFTER_MS = 15 * 60 * 1000;

/**
 * An opened link with no answer from MobilePay for a while: the merchant most likely hit an error on MobilePay's
 * side (which never comes back to the console) or gave up.
 */
export function invitationIsQuiet(
  invitation: { status: string; expiresAt: Date; openedAt: Date | null },
  now: Date = new Date(),
): boolean {
  return (
    invitationState(invitation, now) === "opened" &&
    invitation.openedAt !== null &&
    now.getTime() - invitation.openedAt.getTime() >= QUIET_AFTER_MS
  );
}
