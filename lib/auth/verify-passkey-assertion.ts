import "server-only";

import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type PublicKeyCredentialRequestOptionsJSON,
  type VerifiedAuthenticationResponse,
} from "@simplewebauthn/server";

import { challengeBytes, issuePasskeyChallenge, spendPasskeyChallenge } from "@/lib/auth/passkey-challenges";
import { relyingPartyOf } from "@/lib/auth/passkey-relying-party";
import type { TPasskeyAuthenticationResponse } from "@/lib/auth/passkey-schemas";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

/**
 * Options for the browser to sign with any passkey made for this console: no list of credentials, so the
 * authenticator offers its discoverable ones and the answer says whose it is. The same options serve a
 * passwordless sign-in and a passkey given as the second factor after a password.
 */
export async function passkeySignInOptions(now = new Date()): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: relyingPartyOf(getEnv().NEXTAUTH_URL).id,
    challenge: challengeBytes(await issuePasskeyChallenge("sign-in", null, now)),
    userVerification: "required",
  });
}

/**
 * Options for a signed-in staff member to confirm an act with one of their own passkeys. The credentials are
 * listed, so on a shared computer the browser offers only theirs; the answer is checked by the same sign-in
 * path, bound to the staff member.
 */
export async function passkeyConfirmationOptions(
  staffId: string,
  now = new Date(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await getDb().staffPasskey.findMany({
    where: { staffId },
    select: { credentialId: true, transports: true },
  });
  return generateAuthenticationOptions({
    rpID: relyingPartyOf(getEnv().NEXTAUTH_URL).id,
    challenge: challengeBytes(await issuePasskeyChallenge("sign-in", null, now)),
    userVerification: "required",
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports ? passkey.transports.split(",") : undefined,
    })),
  });
}

export type VerifiedPasskey = { passkeyId: string; staffId: string };

/** The staff member whose passkey signed, when they have one by the credential id the answer names. */
export async function passkeyOwner(credentialId: string): Promise<string | null> {
  const passkey = await getDb().staffPasskey.findUnique({ where: { credentialId }, select: { staffId: true } });
  return passkey?.staffId ?? null;
}

/**
 * Checks a passkey's answer to a sign-in challenge: a registered credential (of `staffId`, when given), a
 * challenge issued by the console and spent here, the console's origin and rpID, a verified user, a valid
 * signature, and a signature counter that moved on from the stored one (a cloned authenticator lags behind).
 * The counter and the last use are written as a compare-and-set on the counter read, so one answer cannot be
 * accepted twice by racing requests.
 */
export async function verifyPasskeyAssertion(
  response: TPasskeyAuthenticationResponse,
  { staffId, now = new Date() }: { staffId?: string; now?: Date } = {},
): Promise<VerifiedPasskey | null> {
  if (response.id !== response.rawId) return null;
  const db = getDb();
  const passkey = await db.staffPasskey.findUnique({ where: { credentialId: response.id } });
  if (!passkey || (staffId !== undefined && passkey.staffId !== staffId)) return null;
  const userHandle = response.response.userHandle;
  if (userHandle && Buffer.from(userHandle, "base64url").toString("utf8") !== passkey.staffId) return null;

  const rp = relyingPartyOf(getEnv().NEXTAUTH_URL);
  let verification: VerifiedAuthenticationResponse;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => spendPasskeyChallenge(challenge, "sign-in", null, now),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: Number(passkey.counter),
        transports: passkey.transports ? passkey.transports.split(",") : undefined,
      },
      requireUserVerification: true,
    });
  } catch {
    // A wrong origin or rpID, a spent or unknown challenge, a bad signature, or a counter that went back.
    return null;
  }
  if (!verification.verified) return null;
  const { count } = await db.staffPasskey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: now },
  });
  return count === 1 ? { passkeyId: passkey.id, staffId: passkey.staffId } : null;
}
