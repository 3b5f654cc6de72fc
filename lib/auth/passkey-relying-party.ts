/** Who the console is to an authenticator: the rpID a passkey is bound to, and the origin it may answer. */
export type RelyingParty = { id: string; origin: string; name: string };

/**
 * The console's own address decides both: a passkey made for it works only on the host staff sign in at, so a
 * lookalike site can neither use nor ask for it. Changing NEXTAUTH_URL's host leaves earlier passkeys unusable.
 */
export function relyingPartyOf(nextAuthUrl: string): RelyingParty {
  const url = new URL(nextAuthUrl);
  return { id: url.hostname, origin: url.origin, name: "MobilePay Link Console" };
}
